import datetime

import pytest

from index.errors import ConfigError
from index.years import parse_year


@pytest.mark.parametrize("value", ["", "  ", None])
def test_blank_is_no_year(value):
    assert parse_year(value) is None


@pytest.mark.parametrize("value", ["2025", " 1921 ", 2026, "1900"])
def test_plausible_years_are_kept(value):
    assert parse_year(value) == int(str(value).strip())


@pytest.mark.parametrize("value", ["99999", "-5", 10**23, "①", "２０２５年", "1899", "20x5",
                                   str(datetime.date.today().year + 2)])
def test_impossible_years_are_refused_with_a_reason(value):
    with pytest.raises(ConfigError, match="年份"):
        parse_year(value)
