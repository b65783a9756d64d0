BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $examples = Join-Path $PSScriptRoot '../../examples'
    # The hand counts below come from the AWS ALB sample only; the other providers' samples are from 2024.
    $AlbLogs = Join-Path $ExampleLogs 'aws-alb'
}

# Expected numbers are counted by hand from examples/logs/aws-alb (18 lines; see the comment of
# tests/LbTools.Core.Tests/Triage/TriageRunnerTests.cs, which checks the same counts in Core).

Describe 'Show-LbTriage.ps1' {
    It 'summarises the bundled logs by cause' {
        $rows = & (Join-Path $examples 'Show-LbTriage.ps1') -Path $ExampleLogs
        $rows.Count | Should -BeGreaterThan 0
        $rows[0].PSObject.Properties.Name | Should -Contain 'TopCause'
        # Every diagnosis lands in one row: errors, 000 and successes that hid a failed upstream attempt.
        ($rows | Measure-Object Count -Sum).Sum | Should -Be @(Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus).Count
    }

    It 'lists the worst backends first with -View Backends' {
        $rows = & (Join-Path $examples 'Show-LbTriage.ps1') -Path $AlbLogs -View Backends
        $rows[0].Upstream | Should -Be '10.0.3.21:8080'
        $rows[0].ServerErrors | Should -Be 3
        $rows[0].Requests | Should -Be 4
        $rows[0].TopCause | Should -Be '502.BackendConnectFailed'
        ($rows | Measure-Object Requests -Sum).Sum | Should -Be 18
    }

    It 'writes the report files it is given' {
        $html = Join-Path $TestDrive 'show.html'
        $null = & (Join-Path $examples 'Show-LbTriage.ps1') -Path $AlbLogs -OutFile $html
        Get-Content $html -Raw | Should -Match '<svg class="chart" id="timeline-chart"'
    }
}

Describe 'Send-LbNightlyReport.ps1' {
    It 'reports the last 24 hours of the bundled logs and exits 1 above the threshold' {
        $report = & (Join-Path $examples 'Send-LbNightlyReport.ps1') -Path $AlbLogs -Hours 24 -Threshold 50
        $LASTEXITCODE | Should -Be 1
        $report.Requests | Should -Be 11
        $report.ServerErrors | Should -Be 9
        $report.Exceeded | Should -BeTrue
        $report.WorstBackends[0].Upstream | Should -Be '10.0.3.21:8080'
    }

    It 'exits 0 when the share is at or below the threshold' {
        $null = & (Join-Path $examples 'Send-LbNightlyReport.ps1') -Path $AlbLogs -Hours 24 -Threshold 90
        $LASTEXITCODE | Should -Be 0
    }

    It 'writes the report text with -Text and to -OutFile' {
        $file = Join-Path $TestDrive 'report.txt'
        $text = & (Join-Path $examples 'Send-LbNightlyReport.ps1') -Path $AlbLogs -Threshold 50 -Text -OutFile $file
        ($text -join "`n") | Should -Match 'ABOVE threshold'
        Get-Content $file -Raw | Should -Match '10\.0\.3\.21:8080'
    }

    It 'exits with its code as a process too' {
        # The child imports the module under test itself; both codes are checked, so a child that
        # fails to start or to import cannot pass for "above the threshold".
        $reportScript = Join-Path $examples 'Send-LbNightlyReport.ps1'
        $run = { param($threshold) "Import-Module '$ModuleManifest'; & '$reportScript' -Path '$AlbLogs' -Hours 24 -Threshold $threshold; exit `$LASTEXITCODE" }
        # The running PowerShell started again (pwsh, or the console host under dotnet test).
        $child = @(Get-LbChildPowerShell)
        $exe = $child[0]
        $lead = @($child | Select-Object -Skip 1)
        & $exe @lead -NoProfile -NonInteractive -Command (& $run 50) | Out-Null
        $LASTEXITCODE | Should -Be 1
        & $exe @lead -NoProfile -NonInteractive -Command (& $run 90) | Out-Null
        $LASTEXITCODE | Should -Be 0
    }
}

Describe 'Invoke-LbRunbookProbe.ps1' {
    It 'lists the backends of recent 502/504 records without probing them' {
        $rows = & (Join-Path $examples 'Invoke-LbRunbookProbe.ps1') -Path $AlbLogs
        $rows.Upstream | Should -Be @('10.0.3.21:8080', '10.0.3.22:8080', '10.0.3.23:8080')
        $rows[0].Errors | Should -Be 3
        $rows | ForEach-Object { $_ | Should -Not -BeOfType ([LbTools.Core.Probes.ProbeResult]) }
    }

    It 'probes only with -Probe, and -WhatIf still sends nothing' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $closed = $listener.LocalEndpoint.Port; $listener.Stop()
        $none = & (Join-Path $examples 'Invoke-LbRunbookProbe.ps1') -Target "127.0.0.1:$closed" -Probe -WhatIf
        $none | Should -BeNullOrEmpty
        $result = & (Join-Path $examples 'Invoke-LbRunbookProbe.ps1') -Target "127.0.0.1:$closed" -Probe -TimeoutSec 2
        $result.FailureReason | Should -Be 'Refused'
    }
}
