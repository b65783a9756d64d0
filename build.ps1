#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and lays out the LbTools module.
.DESCRIPTION
    Tasks:
      Build    dotnet build of the solution.
      Package  lays out out/LbTools/ (manifest, format file, assemblies, en-US help built from
               docs/help) by building src/LbTools.Module, the one owner of the layout; dotnet build
               and dotnet test lay it out the same way.
      Test     dotnet test of the solution: xUnit, and the Pester suite (tests/pester) on the
               PowerShell 7.6 of src/LbTools.Pwsh, one xUnit case per It. Then the same Pester files
               again on the PowerShell running this script (a system pwsh 7.4 or later), with
               Pester 5.7.1 from the NuGet package the test project restores.
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
$moduleProject = Join-Path $root 'src/LbTools.Module/LbTools.Module.csproj'
$testProject = Join-Path $root 'tests/LbTools.PowerShell.Tests/LbTools.PowerShell.Tests.csproj'

# A simple (not advanced) function: every argument, '-c' included, reaches dotnet unchanged.
function Invoke-Dotnet {
    $arguments = @($args)
    Write-Host "dotnet $($arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

# An MSBuild property of a project as the build sees it (after restore).
function Get-MSBuildProperty([string] $Project, [string] $Name) {
    $value = & dotnet msbuild $Project "-getProperty:$Name" "-p:Configuration=$Configuration"
    if ($LASTEXITCODE -ne 0 -or -not $value) {
        throw "Could not read $Name from $Project (exit code $LASTEXITCODE)."
    }
    "$value".Trim()
}

function Invoke-BuildTask {
    Invoke-Dotnet build (Join-Path $root 'LbTools.sln') -c $Configuration
}

function Invoke-PackageTask {
    # A clean folder: what src/LbTools.Module lays out and nothing left from an earlier layout.
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    Invoke-Dotnet build $moduleProject -c $Configuration

    if (Test-Path (Join-Path $moduleOut 'System.Management.Automation.dll')) {
        throw 'out/LbTools must not contain System.Management.Automation.dll.'
    }

    Write-Host "Module laid out in $moduleOut" -ForegroundColor Green
}

function Invoke-TestTask {
    # xUnit and the Pester suite on PowerShell 7.6 (Microsoft.PowerShell.SDK).
    Invoke-Dotnet test (Join-Path $root 'LbTools.sln') -c $Configuration

    # The same Pester files on this PowerShell, in a child process so that the tested DLLs are the
    # laid-out ones and are not locked by this session.
    $pester = Get-MSBuildProperty $testProject 'PesterManifest'
    $child = @([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension($child[0]) -eq 'dotnet') {
        $child += [Reflection.Assembly]::GetEntryAssembly().Location
    }
    $childArguments = @($child | Select-Object -Skip 1) + @(
        '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/Invoke-PesterSuite.ps1'),
        '-PesterManifest', $pester,
        '-ModuleManifest', (Join-Path $moduleOut 'LbTools.psd1'),
        '-NUnitPath', (Join-Path $outRoot 'pester-results.xml'))
    Write-Host "Pester on PowerShell $($PSVersionTable.PSVersion): $($child[0])" -ForegroundColor Cyan
    & $child[0] @childArguments
    if ($LASTEXITCODE -ne 0) {
        throw "Pester reported failures on PowerShell $($PSVersionTable.PSVersion) (exit code $LASTEXITCODE)."
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
