<#
.SYNOPSIS
    Triage a folder of load-balancer access logs: errors by likely cause, or the worst backends.
.DESCRIPTION
    Runs Invoke-LbTriage over every log below -Path (plain or .gz, any supported format) and
    shows one view of its report:
      -View Causes   (default) one row per incident (status, cause, backend), the most frequent
                     first, with the first check to run for its cause.
      -View Backends one row per backend address, the one with most 5xx first, with its request
                     count, 4xx/5xx counts, 5xx share, p95 request time and its largest incident's cause.
    With -OutFile the full report is also written (.html or .md).
    Runs offline on the bundled logs:
        ./examples/Show-LbTriage.ps1
        ./examples/Show-LbTriage.ps1 -View Backends -OutFile ./triage.html
.PARAMETER Path
    A log file or folder; defaults to the bundled examples/logs.
.PARAMETER View
    Causes (errors grouped by cause) or Backends (worst backends first).
.PARAMETER OutFile
    Also write the report to this .html or .md file.
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'logs'),

    [ValidateSet('Causes', 'Backends')]
    [string] $View = 'Causes',

    [string[]] $OutFile = @()
)

if (-not (Get-Module LbTools)) {
    $staged = Join-Path $PSScriptRoot '../out/LbTools/LbTools.psd1'
    if (Test-Path $staged) { Import-Module $staged } else { Import-Module LbTools }
}

$triage = @{ Path = $Path }
if ($OutFile) { $triage.OutFile = $OutFile }
$report = Invoke-LbTriage @triage

if ($View -eq 'Backends') {
    foreach ($backend in $report.Backends) {
        $largest = $report.Incidents | Where-Object { $_.Backend -eq $backend.Address } | Select-Object -First 1
        [pscustomobject]@{
            Upstream           = if ($null -eq $backend.Address) { '(no backend)' } else { $backend.Address }
            Requests           = $backend.Requests
            ClientErrors       = $backend.ClientErrors
            ServerErrors       = $backend.ServerErrors
            ServerErrorPercent = [math]::Round(100 * $backend.ServerErrorShare, 1)
            RequestTimeP95     = $backend.RequestTime.P95
            TopCause           = if ($largest) { $largest.Cause } else { $null }
        }
    }
    return
}

foreach ($incident in $report.Incidents) {
    [pscustomobject]@{
        Count     = $incident.Count
        Status    = $incident.Status
        TopCause  = $incident.Cause
        Upstream  = $incident.Backend
        FirstSeen = $incident.FirstSeen
        Checks    = if ($incident.Causes.Count) { $incident.Causes[0].Checks -join ' | ' } else { $null }
    }
}
