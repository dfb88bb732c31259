"""ReportSearch's engine: reading reports, indexing paragraphs, searching them.

This package never imports Qt. The GUI and the command line both use the small
API re-exported here.

Importing it imports nothing else: a module that uses Whoosh imports it through
``whoosh_fixes`` (which imports it through ``whoosh_imports``, and patches it), so the
window, the log and commands that open no index do not load Whoosh.
"""
