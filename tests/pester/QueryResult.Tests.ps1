BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $AlbLogs = Join-Path $ExampleLogs 'aws-alb'
    $Header = 'row_kind,status,cause,backend,interval_start,requests,first_seen,last_seen,p50_seconds,p95_seconds,p99_seconds,top_paths'
}

# The user's round trip: Get-LbQuery writes the query text, it runs where the logs are (here
# embedded DuckDB over the bundled logs, through tests/tools/LbTools.DuckDbRun), the result CSV
# comes back through Invoke-LbTriage -QueryResultPath, and the report holds the same incidents
# (status, cause, backend, count) as Invoke-LbTriage -Path on the same logs.

Describe 'Invoke-LbTriage -QueryResultPath' {
    It 'gives the same incidents from a DuckDB result of the ALB logs as from the logs themselves' {
        $sql = Join-Path $TestDrive 'triage.sql'
        $csv = Join-Path $TestDrive 'result.csv'
        $md = Join-Path $TestDrive 'r.md'
        (Get-LbQuery -Engine DuckDb -Provider AwsAlb -Path (Join-Path $AlbLogs '*') -Interval 5m).Text | Set-Content -LiteralPath $sql -Encoding utf8
        Invoke-LbDuckDb -QueryPath $sql -OutFile $csv

        $fromQuery = Invoke-LbTriage -QueryResultPath $csv -Provider AwsAlb -OutFile $md
        $fromLogs = Invoke-LbTriage -Path $AlbLogs

        $key = { '{0} {1} {2} {3}' -f $_.Status, $_.Cause, $_.Backend, $_.Count }
        $expected = @($fromLogs.Incidents | ForEach-Object $key)
        $expected.Count | Should -Be 8
        @($fromQuery.Incidents | ForEach-Object $key) | Should -Be $expected
        $fromQuery.Totals.Requests | Should -Be $fromLogs.Totals.Requests
        $fromQuery.Totals.ServerErrors | Should -Be 10
        $fromQuery.Verdict.WorstIncident.Key | Should -Be $fromLogs.Verdict.WorstIncident.Key
        @($fromQuery.Backends | ForEach-Object { '{0} {1} {2}' -f $_.Address, $_.Requests, $_.ServerErrors }) | Should -Be @($fromLogs.Backends | ForEach-Object { '{0} {1} {2}' -f $_.Address, $_.Requests, $_.ServerErrors })
        $fromQuery.QueryResult.Files | Should -Be @($csv)
        $fromLogs.QueryResult | Should -BeNullOrEmpty
        foreach ($incident in $fromQuery.Incidents) { ($incident.CountsByInterval | Measure-Object -Sum).Sum | Should -Be $incident.Count }

        $text = Get-Content -Raw -LiteralPath $md
        $text | Should -Match 'Counts from a query result: \d+ rows read \(0 rejected, 0 blank\) from `result\.csv`'
        $text | Should -Match '\| 3 \| 16\.7 % \| 502 \| 502\.BackendConnectFailed \| 10\.0\.3\.21:8080 \|'
        $text | Should -Not -Match 'Lines read'
    }

    It 'gives the same incidents on the Classic ELB, CloudFront, Alibaba ALB and Alibaba CLB examples' {
        # Alibaba CLB's bundled example is an SLS CSV export; the DuckDB views read it by field name.
        foreach ($case in @(@('AwsClb', 'aws-clb', 3), @('CloudFront', 'cloudfront', 3), @('AlibabaAlb', 'alibaba-alb', 3), @('AlibabaClb', 'alibaba-clb', 3))) {
            $provider, $folder, $incidents = $case
            $logs = Join-Path $ExampleLogs $folder
            $sql = Join-Path $TestDrive "$provider.sql"
            $csv = Join-Path $TestDrive "$provider.csv"
            (Get-LbQuery -Engine DuckDb -Provider $provider -Path (Join-Path $logs '*') -Interval 5m).Text | Set-Content -LiteralPath $sql -Encoding utf8
            Invoke-LbDuckDb -QueryPath $sql -OutFile $csv

            $fromQuery = Invoke-LbTriage -QueryResultPath $csv -Provider $provider
            $fromLogs = Invoke-LbTriage -Path $logs

            $key = { '{0} {1} {2} {3}' -f $_.Status, $_.Cause, $_.Backend, $_.Count }
            $expected = @($fromLogs.Incidents | ForEach-Object $key)
            $expected.Count | Should -Be $incidents -Because $provider
            @($fromQuery.Incidents | ForEach-Object $key) | Should -Be $expected -Because $provider
            $fromQuery.Totals.Requests | Should -Be $fromLogs.Totals.Requests -Because $provider
        }
    }

    It 'takes the rows of Import-Csv from the pipeline' {
        $csv = Join-Path $TestDrive 'piped.csv'
        @($Header,
          'window,,,,,12,2026-11-21 03:10:00,2026-11-21 03:14:00,,,,',
          'incident,503,503.NoBackend,,,2,2026-11-21 03:11:00,2026-11-21 03:12:00,,,,',
          'incident,502,502.BackendConnectFailed|502.AllBackendsUnhealthy,10.0.3.21:8080,,3,2026-11-21T03:10:30Z,2026-11-21T03:13:00Z,,,,"{""/api/cart"": 3}"') |
            Set-Content -LiteralPath $csv -Encoding utf8

        $r = Import-Csv -LiteralPath $csv | Invoke-LbTriage -Provider AwsAlb -Culture en

        $r.Totals.Requests | Should -Be 12
        $r.Incidents[0].Cause | Should -Be '502.AllBackendsUnhealthy|502.BackendConnectFailed'
        $r.Incidents[0].IsTie | Should -BeTrue
        $r.Incidents[0].Causes.Id | Should -Be @('502.AllBackendsUnhealthy', '502.BackendConnectFailed')
        $r.Incidents[0].TopPaths[0].Path | Should -Be '/api/cart'
        $r.Incidents[0].FirstSeen | Should -Be ([DateTimeOffset]::new(2026, 11, 21, 3, 10, 30, [TimeSpan]::Zero))
        $r.Incidents[1].Causes[0].Title | Should -Not -BeNullOrEmpty
        $r.ImplicatedBackends | Should -Be @('10.0.3.21:8080')
        $r.QueryResult.Files | Should -Be @('pipeline')
        ($r | Out-String) | Should -Match 'Totals\s*: query result: 3 of 3 rows from pipeline; 12 in window'
    }

    It 'probes the backends a query result implicates and marks the cause they confirm' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $csv = Join-Path $TestDrive 'refused.csv'
        @($Header,
          'window,,,,,10,2026-11-21 03:10:00,2026-11-21 03:14:00,,,,',
          "incident,502,502.BackendConnectFailed,127.0.0.1:$port,,4,2026-11-21 03:11:00,2026-11-21 03:12:00,,,,") |
            Set-Content -LiteralPath $csv -Encoding utf8

        $r = Invoke-LbTriage -QueryResultPath $csv -Provider AwsAlb -Probe -ProbeTimeoutSec 2

        $r.ImplicatedBackends | Should -Be @("127.0.0.1:$port")
        $r.Probes.Count | Should -Be 1
        $r.Probes[0].Confirms | Should -Contain '502.BackendConnectFailed'
        $r.Incidents[0].Causes[0].ProbeVerdict | Should -BeTrue
    }

    It 'reports a bad row as an error naming file and line and counts the other rows' {
        $csv = Join-Path $TestDrive 'bad.csv'
        @($Header,
          'window,,,,,5,,,,,,',
          'incident,502,502.NoSuchCause,10.0.3.21:8080,,1,,,,,,',
          'incident,503,503.NoBackend,,,2,,,,,,') | Set-Content -LiteralPath $csv -Encoding utf8

        $r = Invoke-LbTriage -QueryResultPath $csv -Provider AwsAlb -ErrorVariable bad -ErrorAction SilentlyContinue

        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'QueryResultRowRejected*'
        $bad[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $bad[0].TargetObject | Should -Be "$($csv):3"
        $bad[0].Exception.Message | Should -Match "cause '502\.NoSuchCause' is not in the cause catalog"
        @($r.Incidents).Count | Should -Be 1
        $r.QueryResult.RowsRejected | Should -Be 1
    }

    It 'ends with InvalidQueryResult naming the file when required columns are missing' {
        $csv = Join-Path $TestDrive 'notatriage.csv'
        @('status,count', '502,3') | Set-Content -LiteralPath $csv -Encoding utf8

        { Invoke-LbTriage -QueryResultPath $csv -Provider AwsAlb -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidQueryResult,LbTools.PowerShell.Commands.InvokeLbTriageCommand' -ExpectedMessage '*notatriage.csv: the query result has no column row_kind, cause, backend*'
    }

    It 'refuses log-only parameters and a missing -Provider in the query result sets' {
        { Invoke-LbTriage -QueryResultPath 'x.csv' -Provider AwsAlb -Since (Get-Date) -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet,LbTools.PowerShell.Commands.InvokeLbTriageCommand'
        (Get-Command Invoke-LbTriage).Parameters['Provider'].ParameterSets.Keys | Sort-Object | Should -Be @('QueryResult', 'QueryResultPath')
        (Get-Command Invoke-LbTriage).Parameters['Provider'].ParameterSets['QueryResultPath'].IsMandatory | Should -BeTrue
    }
}
