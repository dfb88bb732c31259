; Inno Setup script: a per-user installer for reportsearch.exe (no admin rights needed).
;
;   iscc /DAppVersion=0.1.0 build\windows\reportsearch.iss
;
; Expects dist\reportsearch.exe (from build/reportsearch.spec) and writes
; dist\ReportSearch-Setup-<version>.exe. The index stays in the user's data folder
; and is not removed on uninstall (it holds the user's corrections).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F2B1C7E-3A4D-4E8B-9C61-5D2F7A8B9E10}
AppName=报告检索 ReportSearch
AppVersion={#AppVersion}
AppPublisher=ReportSearch
DefaultDirName={localappdata}\Programs\ReportSearch
DefaultGroupName=报告检索
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=ReportSearch-Setup-{#AppVersion}
SetupIconFile=..\..\gui\icons\reportsearch.ico
UninstallDisplayIcon={app}\reportsearch.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\reportsearch.exe"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\报告检索 ReportSearch"; Filename: "{app}\reportsearch.exe"
Name: "{group}\卸载 报告检索"; Filename: "{uninstallexe}"
Name: "{userdesktop}\报告检索 ReportSearch"; Filename: "{app}\reportsearch.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\reportsearch.exe"; Description: "{cm:LaunchProgram,报告检索}"; Flags: nowait postinstall skipifsilent
