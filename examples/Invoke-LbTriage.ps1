<#
.SYNOPSIS
    Triage a folder of load-balancer access logs: errors by likely cause, or the worst backends.
.DESCRIPTION
    Reads every log below -Path (plain or .gz, any supported format).
      -View Causes   (default) diagnoses each error record with Resolve-LbStatus and returns one
                     row per (status, top cause, upstream), the most frequent first, with the
                     first check to run.
      -View Backends returns one row per backend address, the one with most 5xx first, with its
                     request count, 4xx/5xx counts, 5xx share and its most frequent cause.
    Runs offline on the bundled logs:
        ./examples/Invoke-LbTriage.ps1
        ./examples/Invoke-LbTriage.ps1 -View Backends
.PARAMETER Path
    A log file or folder; defaults to the bundled examples/logs.
.PARAMETER View
    Causes (errors grouped by cause) or Backends (worst backends first).
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'logs'),

    [ValidateSet('Causes', 'Backends')]
    [string] $View = 'Causes'
)

if (-not (Get-Module LbTools)) {
    $staged = Join-Path $PSScriptRoot '../out/LbTools/LbTools.psd1'
    if (Test-Path $staged) { Import-Module $staged } else { Import-Module LbTools }
}

$records = @(Get-LbAccessLog -Path $Path -Recurse)
$diagnoses = @($records | Resolve-LbStatus)

if ($View -eq 'Backends') {
    # The counting is LbTools.Core.Reports.TrafficSummary (tested in Core); the causes come from the diagnoses.
    $summary = [LbTools.Core.Reports.TrafficSummary]::Create([LbTools.Core.Logs.LbLogRecord[]] $records, $null, $null)
    foreach ($backend in $summary.Backends) {
        $causes = $diagnoses | Where-Object { $_.Upstream -eq $backend.Upstream } | Group-Object TopCause | Sort-Object Count -Descending
        [pscustomobject]@{
            Upstream           = if ($null -eq $backend.Upstream) { '(no backend)' } else { $backend.Upstream }
            Requests           = $backend.Requests
            ClientErrors       = $backend.ClientErrors
            ServerErrors       = $backend.ServerErrors
            ServerErrorPercent = [math]::Round($backend.ServerErrorPercent, 1)
            TopCause           = if ($causes) { @($causes)[0].Name } else { $null }
        }
    }
    return
}

$diagnoses |
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
