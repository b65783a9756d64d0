<#
.SYNOPSIS
    Runs every tests/pester/*.Tests.ps1 with Pester 5.7.1 against a laid-out LbTools module.
.DESCRIPTION
    One runner for both ways the suite runs:
      - dotnet test: tests/LbTools.PowerShell.Tests starts it in the console host src/LbTools.Pwsh
        (PowerShell 7.6 from Microsoft.PowerShell.SDK) and reads -ResultPath, one xUnit case per It;
      - build.ps1 -Task Test: a system pwsh (7.4+) runs it.
    Pester comes from the NuGet package restored by the test project (PackageDownload), never from
    the gallery. The exit code is the number of failed tests (Pester's Run.Exit), or 1 on a setup error.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [string] $TestPath = (Join-Path $PSScriptRoot 'pester'),
    # JSON with every test (file, block path, name, result, error text) and every file's own result.
    [string] $ResultPath,
    # NUnit XML as Pester writes it.
    [string] $NUnitPath,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Detailed'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if (-not (Test-Path -LiteralPath $PesterManifest)) {
    Write-Error "Pester manifest '$PesterManifest' not found: restore tests/LbTools.PowerShell.Tests (dotnet restore) to download Pester 5.7.1."
    exit 1
}
if (-not (Test-Path -LiteralPath $ModuleManifest)) {
    Write-Error "Module manifest '$ModuleManifest' not found: build src/LbTools.Module to lay out the module."
    exit 1
}

Import-Module -Name $PesterManifest -Force
# The test files import the module from here (tests/pester/TestHelpers.ps1).
$env:LBTOOLS_MODULE = (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath

$config = New-PesterConfiguration
$config.Run.Path = @(Get-ChildItem -LiteralPath $TestPath -Filter '*.Tests.ps1' -File | Sort-Object Name | ForEach-Object FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = $Verbosity
if ($NUnitPath) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $NUnitPath
}

$run = Invoke-Pester -Configuration $config

function Get-ErrorText($errors) {
    @($errors | Where-Object { $_ } | ForEach-Object {
        $text = if ($_.PSObject.Properties['DisplayErrorMessage'] -and $_.DisplayErrorMessage) { $_.DisplayErrorMessage } else { "$_" }
        if ($_.ScriptStackTrace) { $text += [Environment]::NewLine + $_.ScriptStackTrace }
        $text
    }) -join ([Environment]::NewLine + [Environment]::NewLine)
}

if ($ResultPath) {
    $report = [ordered]@{
        PowerShell = $PSVersionTable.PSVersion.ToString()
        Pester     = (Get-Module Pester).Version.ToString()
        Containers = @($run.Containers | ForEach-Object {
            [ordered]@{ File = "$($_.Item)"; Result = "$($_.Result)"; Error = Get-ErrorText $_.ErrorRecord }
        })
        Tests      = @($run.Tests | ForEach-Object {
            [ordered]@{
                File         = "$($_.Block.Root.BlockContainer.Item)"
                Path         = @($_.Path)
                ExpandedPath = "$($_.ExpandedPath)"
                Result       = "$($_.Result)"
                Error        = Get-ErrorText $_.ErrorRecord
            }
        })
    }
    $report | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $ResultPath -Encoding utf8
}

$failed = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
exit ([Math]::Min($failed, 100))
