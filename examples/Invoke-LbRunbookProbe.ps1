<#
.SYNOPSIS
    Runbook step: probe the backends named by recent 502 and 504 records.
.DESCRIPTION
    Finds the records of the last -Hours hours below -Path whose status is 502 or 504 and that
    name a backend (Upstream), and lists each backend once with how many such errors it had and
    their most likely cause.

    Without -Probe nothing is sent anywhere: the script prints what it would probe. This is the
    default because the bundled logs name made-up 10.x addresses that must not receive traffic.
    With -Probe it runs Test-LbBackend against each backend (TCP by default) and returns the
    probe results; -WhatIf shows the targets without probing. -Target probes the given
    addresses instead of those found in the logs.

        ./examples/Invoke-LbRunbookProbe.ps1                       # what would be probed
        ./examples/Invoke-LbRunbookProbe.ps1 -Path /var/log/lb -Probe
.PARAMETER Path
    A log file or folder; defaults to the bundled examples/logs.
.PARAMETER Hours
    How far back from -EndTime to look (default 1).
.PARAMETER EndTime
    End of the window; defaults to the newest record's time.
.PARAMETER Probe
    Actually probe the backends (sends TCP handshakes to them).
.PARAMETER Target
    Probe these addresses instead of the ones found in the logs.
.PARAMETER ProbeKind
    The Test-LbBackend probes to run (default Tcp).
.PARAMETER TimeoutSec
    Per-step timeout of the probes.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'logs'),

    [ValidateRange(1, 8760)]
    [int] $Hours = 1,

    [Nullable[datetimeoffset]] $EndTime,

    [switch] $Probe,

    [string[]] $Target,

    [string[]] $ProbeKind = @('Tcp'),

    [ValidateRange(1, 600)]
    [int] $TimeoutSec = 5
)

if (-not (Get-Module LbTools)) {
    $staged = Join-Path $PSScriptRoot '../out/LbTools/LbTools.psd1'
    if (Test-Path $staged) { Import-Module $staged } else { Import-Module LbTools }
}

if ($Target) {
    $implicated = @($Target | ForEach-Object { [pscustomobject]@{ Upstream = $_; Errors = $null; Statuses = $null; TopCause = $null } })
}
else {
    # The window ends at -EndTime or, by default, at the newest record: a first triage finds it.
    $end = if ($EndTime) { $EndTime.Value } else { (Invoke-LbTriage -Path $Path).LastRecord }
    if ($null -eq $end) { $end = [datetimeoffset]::UtcNow }
    $triage = Invoke-LbTriage -Path $Path -Since $end.UtcDateTime.AddHours(-$Hours) -Until $end.UtcDateTime
    $implicated = @($triage.Incidents |
        Where-Object { $_.Status -in 502, 504 -and $_.Backend -and $_.Backend -ne '*' } |
        Group-Object Backend |
        ForEach-Object {
            $largest = $_.Group | Sort-Object Count -Descending | Select-Object -First 1
            [pscustomobject]@{
                Upstream = $_.Name
                Errors   = ($_.Group | Measure-Object Count -Sum).Sum
                Statuses = ($_.Group.Status | Sort-Object -Unique) -join ', '
                TopCause = $largest.Cause
            }
        } |
        Sort-Object @{ Expression = 'Errors'; Descending = $true }, Upstream)
}

if ($implicated.Count -eq 0) {
    Write-Information 'No 502/504 records with a backend address in the window: nothing to probe.' -InformationAction Continue
    return
}

if (-not $Probe) {
    Write-Information "Would probe $($implicated.Count) backend(s) with $($ProbeKind -join ', '); pass -Probe to send the probes." -InformationAction Continue
    return $implicated
}

foreach ($backend in $implicated) {
    if ($PSCmdlet.ShouldProcess($backend.Upstream, "Test-LbBackend -Probe $($ProbeKind -join ',')")) {
        Test-LbBackend -Target $backend.Upstream -Probe $ProbeKind -TimeoutSec $TimeoutSec
    }
}
