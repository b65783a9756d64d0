<#
.SYNOPSIS
    Nightly report of the last hours of access logs; exits 1 when the 5xx share crosses a threshold.
.DESCRIPTION
    Runs Invoke-LbTriage over the last -Hours hours below -Path and reports requests, 4xx, 5xx,
    the 5xx share, the worst backends and the most frequent causes of the errors (the full
    triage report is in the Triage property; Invoke-LbTriage -OutFile writes it as HTML or Markdown). The window ends at
    -EndTime, by default at the newest record in the logs, so the report also works on a copied
    or old log folder (and on the bundled logs as they are).

    Writes the report object to the pipeline and its text to the information stream (-Text to
    get the text as the output instead). With -OutFile the text is also saved to a file, ready
    for a mail or chat step of the scheduler. No mail server is needed: send the file with the
    tool your scheduler already has (for example Send-MailMessage on Windows PowerShell, or a
    webhook).

    Exit code: 0 when the 5xx share is at or below -Threshold percent, 1 above it, so a
    scheduled task or CI job turns red on its own:
        pwsh -File ./examples/Send-LbNightlyReport.ps1 -Path /var/log/lb -Hours 24 -Threshold 2
.PARAMETER Path
    A log file or folder; defaults to the bundled examples/logs.
.PARAMETER Hours
    Length of the window in hours (default 24).
.PARAMETER EndTime
    End of the window; defaults to the newest record's time.
.PARAMETER Threshold
    The highest acceptable share of 5xx answers, in percent (default 5).
.PARAMETER OutFile
    Also write the report text to this file.
.PARAMETER Text
    Write the report text to the pipeline instead of the report object.
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'logs'),

    [ValidateRange(1, 8760)]
    [int] $Hours = 24,

    [Nullable[datetimeoffset]] $EndTime,

    [ValidateRange(0, 100)]
    [double] $Threshold = 5,

    [string] $OutFile,

    [switch] $Text
)

if (-not (Get-Module LbTools)) {
    $staged = Join-Path $PSScriptRoot '../out/LbTools/LbTools.psd1'
    if (Test-Path $staged) { Import-Module $staged } else { Import-Module LbTools }
}

# The window ends at -EndTime or, by default, at the newest record: a first triage finds it.
$end = if ($EndTime) { $EndTime.Value } else { (Invoke-LbTriage -Path $Path).LastRecord }
if ($null -eq $end) { $end = [datetimeoffset]::UtcNow }
$triage = Invoke-LbTriage -Path $Path -Since $end.UtcDateTime.AddHours(-$Hours) -Until $end.UtcDateTime -Threshold $Threshold
$causes = @($triage.Incidents | Group-Object Cause | ForEach-Object { [pscustomobject]@{ Cause = $_.Name; Count = ($_.Group | Measure-Object Count -Sum).Sum } } |
    Sort-Object Count -Descending | Select-Object -First 5)

$report = [pscustomobject]@{
    From               = $triage.Since
    To                 = $triage.Until
    Requests           = $triage.Totals.Requests
    ClientErrors       = $triage.Totals.ClientErrors
    ServerErrors       = $triage.Totals.ServerErrors
    ServerErrorPercent = [math]::Round($triage.Verdict.ServerErrorPercent, 2)
    Threshold          = $Threshold
    Exceeded           = $triage.Verdict.ThresholdCrossed
    WorstBackends      = @($triage.Backends | Where-Object ServerErrors -gt 0 | Select-Object -First 5 |
        ForEach-Object { [pscustomobject]@{ Upstream = $_.Address; Requests = $_.Requests; ServerErrors = $_.ServerErrors; ServerErrorPercent = 100 * $_.ServerErrorShare } })
    TopCauses          = $causes
    Triage             = $triage
}

$lines = @(
    ('LbTools nightly report {0:u} - {1:u}' -f $report.From, $report.To)
    "Requests: $($report.Requests)  4xx: $($report.ClientErrors)  5xx: $($report.ServerErrors) ($($report.ServerErrorPercent) %, threshold $Threshold %)"
    $(if ($report.Exceeded) { 'STATUS: 5xx share ABOVE threshold' } else { 'STATUS: ok' })
    'Worst backends:'
    $report.WorstBackends | ForEach-Object { "  {0,-24} {1,5} requests {2,5} 5xx ({3:0.#} %)" -f $(if ($_.Upstream) { $_.Upstream } else { '(no backend)' }), $_.Requests, $_.ServerErrors, $_.ServerErrorPercent }
    'Top causes:'
    $report.TopCauses | ForEach-Object { "  {0,-32} {1,5}" -f $_.Cause, $_.Count }
)
$reportText = $lines -join [Environment]::NewLine

if ($OutFile) { Set-Content -Path $OutFile -Value $reportText -Encoding utf8 }
if ($Text) { $reportText } else { Write-Information $reportText; $report }

# In a script file, exit ends the script only: the caller (or pwsh -File) gets the code.
if ($report.Exceeded) { exit 1 }
exit 0
