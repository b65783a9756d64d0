BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $AlbLogs = Join-Path $ExampleLogs 'aws-alb'
}

# Hand counts of examples/logs/aws-alb (18 lines, 10 with 5xx, 1 with 4xx; 10.0.3.21:8080 refused
# three connects): the same numbers the Core test TriageRunnerTests checks
# (tests/LbTools.Core.Tests/Triage/TriageRunnerTests.cs).

Describe 'Invoke-LbTriage' {
    It 'returns one report object with totals, timeline, incidents, backends and a verdict' {
        $r = @(Invoke-LbTriage -Path $AlbLogs)
        $r.Count | Should -Be 1
        $r[0] | Should -BeOfType ([LbTools.Core.Triage.TriageReport])
        $r[0].Totals.LinesRead | Should -Be 18
        $r[0].Totals.Requests | Should -Be 18
        $r[0].Totals.ServerErrors | Should -Be 10
        $r[0].Timeline.Count | Should -BeGreaterThan 0
        $incident = $r[0].Incidents | Where-Object { $_.Backend -eq '10.0.3.21:8080' -and $_.Status -eq 502 }
        $incident.Count | Should -Be 3
        $incident.Cause | Should -Be '502.BackendConnectFailed'
        $incident.Samples.Count | Should -Be 3
        ($r[0].Backends | Where-Object Address -eq '10.0.3.21:8080').ServerErrors | Should -Be 3
        $r[0].Verdict.WorstIncident.Backend | Should -Be '10.0.3.21:8080'
        $r[0].Checklist.Count | Should -BeGreaterThan 0
    }

    It 'reads folders below the path, wildcards and .gz files' {
        (Invoke-LbTriage -Path $ExampleLogs).Totals.Files.Count | Should -Be 8
        (Invoke-LbTriage -Path (Join-Path $AlbLogs '*.gz')).Totals.LinesRead | Should -Be 3
    }

    It 'sets ThresholdCrossed when the 5xx share is above -Threshold' {
        # 10 of 18 answers are 5xx: 55.6 %.
        $above = Invoke-LbTriage -Path $AlbLogs -Threshold 50
        $above.Verdict.ThresholdCrossed | Should -BeTrue
        $above.Verdict.Outcome | Should -Be 'ThresholdCrossed'
        $below = Invoke-LbTriage -Path $AlbLogs -Threshold 60
        $below.Verdict.ThresholdCrossed | Should -BeFalse
        $below.Verdict.Outcome | Should -Be 'BelowThreshold'
    }

    It 'counts only the window of -Since and -Until' {
        $r = Invoke-LbTriage -Path $AlbLogs -Since '2026-11-21T00:00:00Z' -Until '2026-11-22T00:00:00Z'
        $r.Totals.Requests | Should -Be 11
        $r.Totals.OutsideWindow | Should -Be 7
    }

    It 'lists the backends -Probe would test with -WhatIf and sends nothing' {
        $r = Invoke-LbTriage -Path $AlbLogs -Probe -WhatIf
        $r.Probes.Count | Should -Be 0
        $r.ImplicatedBackends | Should -Be @('10.0.3.21:8080', '10.0.3.22:8080', '10.0.3.23:8080')
        # The What-if lines go to the host: a child of this same PowerShell shows them on its output.
        $child = @(Get-LbChildPowerShell)
        $exe = $child[0]
        $lead = @($child | Select-Object -Skip 1)
        $out = & $exe @lead -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'; `$null = Invoke-LbTriage -Path '$AlbLogs' -Probe -WhatIf"
        $LASTEXITCODE | Should -Be 0
        $whatIf = @($out | Where-Object { $_ -like 'What if:*' })
        $whatIf.Count | Should -Be 3
        $whatIf[0] | Should -BeLike '*"10.0.3.21:8080"*'
    }

    It 'probes a refusing loopback backend with -Probe and confirms the cause' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $line = 'http 2026-01-01T00:00:00.000000Z app/lb/50dc6c495c0c9188 192.168.131.39:2817 127.0.0.1:{0} 0.001 -1 -1 502 - 34 366 "GET http://www.example.com:80/api HTTP/1.1" "curl/8.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/t/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2026-01-01T00:00:00.000000Z "forward" "-" "-" "127.0.0.1:{0}" "-" "-" "-"' -f $port
        $log = Join-Path $TestDrive 'refused.log'
        Set-Content -Path $log -Value $line
        $r = Invoke-LbTriage -Path $log -Probe -ProbeTimeoutSec 2
        $r.Probes.Count | Should -Be 1
        $r.Probes[0].Confirms | Should -Contain '502.BackendConnectFailed'
    }

    It 'writes the causes and the report in Japanese with -Culture ja' {
        $md = Join-Path $TestDrive 'ja.md'
        $r = Invoke-LbTriage -Path $AlbLogs -Culture ja -OutFile $md
        $r.Culture.Name | Should -Be 'ja'
        ($r.Incidents | Where-Object Cause -eq '502.BackendConnectFailed').Causes[0].Title | Should -Be (Get-LbCause -Id '502.BackendConnectFailed' -Culture ja).Title
        Get-Content $md -Raw -Encoding utf8 | Should -Match 'ロードバランサー調査レポート'
    }

    It 'writes a self-contained HTML file and a Markdown file with -OutFile' {
        $html = Join-Path $TestDrive 'r.html'
        $md = Join-Path $TestDrive 'r.md'
        $r = Invoke-LbTriage -Path $ExampleLogs -OutFile $html, $md
        $page = Get-Content $html -Raw
        $page | Should -Match '^<!DOCTYPE html>'
        $page | Should -Not -Match '<script'
        ([regex]::Matches($page, '<g class="interval')).Count | Should -Be $r.Timeline.Count
        ([regex]::Matches($page, 'class="incident-row"')).Count | Should -Be $r.Incidents.Count
        $text = Get-Content $md -Raw
        $text | Should -Match '^# Load balancer triage'
        foreach ($i in $r.Incidents) { $text | Should -Match ([regex]::Escape("| $($i.Status) |")) }
    }

    It 'writes no file with -WhatIf' {
        $html = Join-Path $TestDrive 'whatif.html'
        $null = Invoke-LbTriage -Path $AlbLogs -OutFile $html -WhatIf
        Test-Path $html | Should -BeFalse
    }

    It 'refuses an -OutFile that is neither HTML nor Markdown' {
        { Invoke-LbTriage -Path $AlbLogs -OutFile (Join-Path $TestDrive 'r.pdf') -ErrorAction Stop } | Should -Throw -ErrorId 'UnsupportedReportFile,LbTools.PowerShell.Commands.InvokeLbTriageCommand'
    }

    It 'refuses a bad -Last naming it' {
        { Invoke-LbTriage -Path $AlbLogs -Last 'two hours' -ErrorAction Stop } | Should -Throw "*'two hours'*"
    }

    It 'reports a missing path as an error and still returns the report of the others' {
        $r = Invoke-LbTriage -Path $AlbLogs, (Join-Path $TestDrive 'nope.log') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LogPathNotFound*'
        $r.Totals.LinesRead | Should -Be 18
    }
}
