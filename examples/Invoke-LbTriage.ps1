<#
.SYNOPSIS
    Triage a folder of load-balancer access logs: error records grouped by likely cause.
.DESCRIPTION
    Reads every log below -Path (plain or .gz, any supported format), diagnoses each error
    record with Resolve-LbStatus and returns one row per (status, top cause, upstream), the
    most frequent first. Runs offline on the bundled logs:
        ./examples/Invoke-LbTriage.ps1
.PARAMETER Path
    A log file or folder; defaults to the bundled examples/logs.
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'logs')
)

if (-not (Get-Module LbTools)) {
    $staged = Join-Path $PSScriptRoot '../out/LbTools/LbTools.psd1'
    if (Test-Path $staged) { Import-Module $staged } else { Import-Module LbTools }
}

Get-LbAccessLog -Path $Path -Recurse |
    Resolve-LbStatus |
    Group-Object Status, TopCause, Upstream |
    Sort-Object Count -Descending |
    ForEach-Object {
        $first = $_.Group[0]
        [pscustomobject]@{
            Count     = $_.Count
            Status    = $first.Status
            TopCause  = $first.TopCause
            Upstream  = $first.Upstream
            FirstSeen = $_.Group.Time | Sort-Object | Select-Object -First 1
            Checks    = if ($first.Causes.Count) { $first.Causes[0].Checks -join ' | ' } else { $null }
        }
    }
