#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and lays out the LbTools module.
.DESCRIPTION
    Tasks:
      Build    dotnet build of the solution.
      Package  lays out out/LbTools/ (manifest, format file, assemblies) from a publish and builds
               the help (docs/help -> en-US/ MAML and about topic) with tools/LbTools.HelpBuilder.
      Test     xUnit tests, then Pester tests in a child 'pwsh -NoProfile' against out/LbTools/.
               Without pwsh on PATH it says so and runs xUnit only.
    The default runs Build, Package and Test. Any failure ends the script with a non-zero exit code.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    pwsh ./build.ps1 -Task Package -Configuration Debug
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Package', 'Test')]
    [string[]] $Task = @('Build', 'Package', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$outRoot = Join-Path $root 'out'
$moduleOut = Join-Path $outRoot 'LbTools'
$publishOut = Join-Path $outRoot 'publish'

# A simple (not advanced) function: every argument, '-c' included, reaches dotnet unchanged.
function Invoke-Dotnet {
    $arguments = @($args)
    Write-Host "dotnet $($arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

function Invoke-BuildTask {
    Invoke-Dotnet build (Join-Path $root 'LbTools.sln') -c $Configuration
}

function Invoke-PackageTask {
    if (Test-Path $publishOut) { Remove-Item $publishOut -Recurse -Force }
    Invoke-Dotnet publish (Join-Path $root 'src/LbTools.PowerShell/LbTools.PowerShell.csproj') -c $Configuration -o $publishOut

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $moduleOut

    # The host provides System.Management.Automation; shipping the reference stub would break the module.
    Get-ChildItem $publishOut -Filter '*.dll' |
        Where-Object Name -ne 'System.Management.Automation.dll' |
        Copy-Item -Destination $moduleOut
    Copy-Item (Join-Path $root 'module/*') -Destination $moduleOut -Recurse

    # The optional vector tokenizer (net8.0) goes next to LbTools.Core.dll, alone: its own build
    # folder holds net8.0 copies of shared dependencies that Windows PowerShell 5.1 could not load.
    # Core loads it on .NET 8+ and runs without it elsewhere (same results, portable code).
    $simdOut = Join-Path $outRoot 'simd'
    Invoke-Dotnet build (Join-Path $root 'src/LbTools.Core.Simd/LbTools.Core.Simd.csproj') -c $Configuration -o $simdOut
    Copy-Item (Join-Path $simdOut 'LbTools.Core.Simd.dll') -Destination $moduleOut

    # Get-Help reads en-US/LbTools.PowerShell.dll-Help.xml (MAML) and about_LbTools.help.txt,
    # built from the reviewable markdown in docs/help.
    # Built, then run as a dll: no '--' separator, which PowerShell versions treat differently.
    $helpBuilderOut = Join-Path $outRoot 'helpbuilder'
    Invoke-Dotnet build (Join-Path $root 'tools/LbTools.HelpBuilder/LbTools.HelpBuilder.csproj') -c $Configuration -o $helpBuilderOut
    Invoke-Dotnet (Join-Path $helpBuilderOut 'LbTools.HelpBuilder.dll') (Join-Path $root 'docs/help') (Join-Path $moduleOut 'en-US')

    if (Test-Path (Join-Path $moduleOut 'System.Management.Automation.dll')) {
        throw 'out/LbTools must not contain System.Management.Automation.dll.'
    }

    Write-Host "Module laid out in $moduleOut" -ForegroundColor Green
}

function Invoke-TestTask {
    Invoke-Dotnet test (Join-Path $root 'LbTools.sln') -c $Configuration

    $pwsh = Get-Command pwsh -ErrorAction SilentlyContinue
    if (-not $pwsh) {
        Write-Warning 'Pester skipped: pwsh was not found on PATH. Only the xUnit tests ran.'
        return
    }

    if (-not (Test-Path (Join-Path $moduleOut 'LbTools.psd1'))) {
        Invoke-PackageTask
    }

    # A child process, so the tested DLLs are the laid-out ones and are not locked by this session.
    # Module autoloading stays on: the tests call Start-ThreadJob (Microsoft.PowerShell.ThreadJob),
    # which nothing imports first, and every test file imports LbTools itself by path.
    $resultFile = Join-Path $outRoot 'pester-results.xml'
    $script = @"
`$ErrorActionPreference = 'Stop'
if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0')) {
    Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser -Force -SkipPublisherCheck
}
Import-Module Pester -MinimumVersion 5.0.0
`$env:LBTOOLS_MODULE = '$((Join-Path $moduleOut 'LbTools.psd1') -replace "'", "''")'
`$config = New-PesterConfiguration
`$config.Run.Path = '$((Join-Path $root 'tests/pester') -replace "'", "''")'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'NUnitXml'
`$config.TestResult.OutputPath = '$($resultFile -replace "'", "''")'
Invoke-Pester -Configuration `$config
"@
    & $pwsh.Source -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) {
        throw "Pester reported failures (exit code $LASTEXITCODE)."
    }
}

foreach ($name in $Task) {
    Write-Host "== $name ==" -ForegroundColor Yellow
    switch ($name) {
        'Build' { Invoke-BuildTask }
        'Package' { Invoke-PackageTask }
        'Test' { Invoke-TestTask }
    }
}
