<#
.SYNOPSIS
    Triage a folder of load-balancer access logs: error records grouped by likely cause.
.DESCRIPTION
    Reads every log below -Path (plain or .gz, any supported format), diagnoses each error
    record with Resolve-LbStatus -Summary and returns one incident per (status, top cause,
    upstream), the most frequent first, with its next steps. Runs offline on the bundled logs:
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

# One incident per (status, top cause, upstream): count, share, first/last seen, top paths,
# samples and the next steps to take — the object a scheduled job can mail out.
Get-LbAccessLog -Path $Path -Recurse | Resolve-LbStatus -Summary
