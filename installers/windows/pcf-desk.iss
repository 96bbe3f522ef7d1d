; PCF Desk 产品碳足迹工作台 — Inno Setup 6 script (needs 6.3 or later for x64compatible).
;
; Built by .github/workflows/windows-installer.yml:
;   ISCC.exe /DAppVersion=<python installers/version.py> /DSourceDir=<repo>\dist\pcf-desk /DOutputDir=<repo>\dist\installer pcf-desk.iss
; SourceDir is the PyInstaller bundle made by `python installers/build.py` (pcf-desk.exe and, when the build was
; given --edition, the association's edition\ folder, which is installed with the program).
;
; Choices (see README.md beside this file):
; - Per-user install without admin rights by default (PrivilegesRequired=lowest); the first page lets an
;   administrator choose an install for all users instead (PrivilegesRequiredOverridesAllowed=dialog). {autopf},
;   {autoprograms}, {autodesktop} and the HKA registry root follow that choice (per user: %LOCALAPPDATA%\Programs,
;   the user's Start menu and desktop, HKCU\Software\Classes).
; - .pcfdesk files open in PCF Desk on double-click ("%1" is the project path, see desktop/app.py).
; - Uninstall removes only what this setup installed. Projects are wherever the user saved them; the settings
;   (HKCU\Software\PCF Desk) and the data folder (%APPDATA%\PCF Desk: demo project, loaded editions) were written
;   by the app, not by setup, so they are kept. Do not add an [UninstallDelete] entry for them.
; - Chinese (Simplified) wizard: Inno Setup 6.5 and later ship Languages\ChineseSimplified.isl. With an older
;   compiler the Chinese entry falls back to the English wizard texts with this script's Chinese messages.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\pcf-desk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist\installer"
#endif
#define AppName "PCF Desk"
#define AppExe "pcf-desk.exe"
#define ProjectExt ".pcfdesk"
#define ProgId "PCFDesk.Project"

[Setup]
; AppId identifies the app to the uninstaller and to upgrades: never change it.
AppId={{8954BFA7-6690-40CB-B9AF-2D029A3FBCF4}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PCF Desk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
OutputDir={#OutputDir}
OutputBaseFilename=pcf-desk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
#ifexist AddBackslash(SourcePath) + "..\icon\pcf-desk.ico"
SetupIconFile=..\icon\pcf-desk.ico
#endif
UninstallDisplayName={#AppName} {#AppVersion}
ShowLanguageDialog=auto

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#ifexist AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #define ChineseFallback
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl"
#endif

#ifdef ChineseFallback
[LangOptions]
chinesesimplified.LanguageName=简体中文
chinesesimplified.LanguageID=$0804
chinesesimplified.LanguageCodePage=936
#endif

[CustomMessages]
english.ProjectFileType=PCF Desk project
chinesesimplified.ProjectFileType=PCF Desk 产品碳足迹项目
#ifdef ChineseFallback
chinesesimplified.CreateDesktopIcon=创建桌面快捷方式(&D)
chinesesimplified.AdditionalIcons=附加快捷方式:
chinesesimplified.LaunchProgram=运行 %1
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; The project file type, under HKA: HKCU\Software\Classes per user, HKLM\Software\Classes for all users.
Root: HKA; Subkey: "Software\Classes\{#ProjectExt}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProjectExt}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:ProjectFileType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#ProjectExt}"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
