BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Get-LbAccessLog' {
    It 'reads a folder of plain and gzip logs with -Recurse into typed records' {
        $records = Get-LbAccessLog -Path $ExampleLogs -Recurse
        $records.Count | Should -BeGreaterOrEqual 15
        $records[0] | Should -BeOfType ([LbTools.Core.Logs.LbLogRecord])
        ($records | Where-Object { $_.SourceFile -like '*.gz' }).Count | Should -BeGreaterThan 0
    }

    It 'says on the Debug stream which tokenizer cuts AWS lines (the vector one on PowerShell 7)' {
        $DebugPreference = 'Continue'
        $debug = Get-LbAccessLog -Path (Join-Path $ExampleLogs 'aws-alb/prod-web_node-a.log') 5>&1 |
            Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        $message = $debug.Message | Where-Object { $_ -like '*tokenizer*' } | Select-Object -First 1
        $message | Should -Not -BeNullOrEmpty
        if ($PSVersionTable.PSEdition -eq 'Core') {
            $message | Should -BeLike '*vector tokenizer*'
        }
    }

    It 'expands wildcards in -Path' {
        $records = Get-LbAccessLog -Path (Join-Path $ExampleLogs 'aws-alb/*.log')
        $records.Count | Should -BeGreaterThan 0
        $records.SourceFile | Sort-Object -Unique | Should -HaveCount 1
    }

    It 'takes files from Get-ChildItem through the pipeline' {
        $records = Get-ChildItem (Join-Path $ExampleLogs 'aws-alb') -File | Get-LbAccessLog
        ($records.SourceFile | Sort-Object -Unique).Count | Should -Be 2
    }

    # Core: BundledExamplesDiagnosisTests.The_bundled_alb_node_log_reads_as_its_15_lines_without_a_rejection
    # (the PathInfo / PSPath binding itself is PowerShell's and lives only in the cmdlet)
    It 'reads piped Resolve-Path output and items that carry a PSPath' {
        # -InputObject takes every piped object first; a PathInfo or a PSPath still names a file.
        $file = Join-Path $ExampleLogs 'aws-alb/prod-web_node-a.log'
        @(Resolve-Path $file | Get-LbAccessLog).Count | Should -Be 15
        @([pscustomobject]@{ PSPath = (Get-Item $file).PSPath } | Get-LbAccessLog).Count | Should -Be 15
    }

    It 'takes lines from Get-Content through the pipeline' {
        $records = Get-Content (Join-Path $ExampleLogs 'aws-alb/prod-web_node-a.log') | Get-LbAccessLog -Format AwsAlb
        $records.Count | Should -Be 15
        $records[0].LineNumber | Should -Be 1
    }

    It 'exposes vendor fields next to the common ones' {
        $record = $AlbHttpLine | Get-LbAccessLog
        $record.Status | Should -Be 200
        $record.Upstream | Should -Be '10.0.0.1:80'
        $record.Fields['elb_status_code'] | Should -Be '200'
    }

    It 'writes a non-terminating error naming file and line for a bad line' {
        $file = Join-Path $TestDrive 'mixed.log'
        Set-Content -Path $file -Value @($AlbHttpLine, 'not a log line at all', $AlbHttpLine)
        $records = Get-LbAccessLog -LiteralPath $file -ErrorVariable errs -ErrorAction SilentlyContinue
        $records.Count | Should -Be 2
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LineRejected,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be "${file}:2"
    }

    It 'fills the statistics variable so parsed + rejected + skipped = read' {
        $file = Join-Path $TestDrive 'stats.log'
        Set-Content -Path $file -Value @($AlbHttpLine, 'junk', '', $AlbHttpLine)
        $null = Get-LbAccessLog -LiteralPath $file -StatisticsVariable stats -ErrorAction SilentlyContinue
        $stats.LinesRead | Should -Be 4
        ($stats.Parsed + $stats.Rejected + $stats.Skipped) | Should -Be $stats.LinesRead
    }

    It 'reports a missing path as ObjectNotFound' {
        Get-LbAccessLog -Path (Join-Path $TestDrive 'nope*.log') -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-LbAccessLog -LiteralPath (Join-Path $TestDrive 'missing.log') -ErrorVariable +errs -ErrorAction SilentlyContinue
        $errs.Count | Should -BeGreaterOrEqual 1
        $errs | ForEach-Object { $_.CategoryInfo.Category } | Should -Contain 'ObjectNotFound'
    }

    It 'formats records as a table' {
        # A width of our own: a host's default (80 without a console) would cut the last columns.
        $text = Get-LbAccessLog -Path $ExampleLogs -Recurse | Select-Object -First 3 | Format-Table | Out-String -Width 250
        $text | Should -Match 'Status'
        $text | Should -Match 'UpstreamAddress'
    }

    # Core: AccessLogReaderFeatureTests.Bundled_examples_cover_every_provider_without_rejections
    It 'reads every bundled provider folder with -Format Auto and no errors' {
        $records = Get-LbAccessLog -Path $ExampleLogs -Recurse -ErrorVariable errs -StatisticsVariable stats
        $errs.Count | Should -Be 0
        $stats.Rejected | Should -Be 0
        ($records.Provider | ForEach-Object { $_.ToString() } | Sort-Object -Unique) | Should -Be @('AlibabaAlb', 'AlibabaClb', 'AwsAlb', 'AwsClb', 'CloudFront', 'Nginx')
    }

    # Core: AwsClbLineParserTests, NginxLineParserTests
    It 'parses Classic ELB and nginx lines from the pipeline with an explicit format' {
        ($ClbHttpLine | Get-LbAccessLog -Format AwsClb).Upstream | Should -Be '10.0.0.1:80'
        $r = $NginxUpstreamLine | Get-LbAccessLog -Format Nginx -LogFormat upstream
        $r.UpstreamAddresses | Should -Be @('127.0.0.1:9002', '127.0.0.1:9004', '127.0.0.1:9005')
        $r.UpstreamStatus | Should -Be 200
        $r['upstream_status'] | Should -Be '502, 504 : 200'
    }

    # Core: AccessLogReaderFeatureTests.Filters_run_in_core_and_are_counted
    It 'filters by status class, host and upstream in Core' {
        $r = Get-LbAccessLog -Path $ExampleLogs -Recurse -Status 5xx
        $r.Count | Should -BeGreaterThan 0
        $r | ForEach-Object { $_.Status | Should -BeGreaterOrEqual 500; $_.Status | Should -BeLessThan 600 }
        (Get-LbAccessLog -Path $ExampleLogs -Recurse -Status 502 -Host 'shop.example.*').Host | Sort-Object -Unique | Should -Be 'shop.example.com'
        (Get-LbAccessLog -Path $ExampleLogs -Recurse -Upstream '127.0.0.1:900?').Provider | ForEach-Object { $_.ToString() } | Sort-Object -Unique | Should -Be 'Nginx'
    }

    # Core: AccessLogReaderFeatureTests.First_stops_reading_early
    It 'stops after -First records' {
        (Get-LbAccessLog -Path $ExampleLogs -Recurse -First 3).Count | Should -Be 3
    }

    # Core: AccessLogReaderFeatureTests.First_counts_across_calls_as_piped_files_make_them
    It 'counts -First over every piped file' {
        (Get-ChildItem $ExampleLogs -Recurse -File | Get-LbAccessLog -First 3).Count | Should -Be 3
    }

    # Core: ParallelFileReadingTests.Filters_give_the_same_records_and_counts_side_by_side
    It 'reads piped files side by side with -ThrottleLimit and a filter, in the order they came' {
        $files = Get-ChildItem $ExampleLogs -Recurse -File
        $inTurn = $files | Get-LbAccessLog -Status 5xx -ThrottleLimit 1
        $sideBySide = $files | Get-LbAccessLog -Status 5xx -ThrottleLimit 2
        $inTurn.Count | Should -BeGreaterThan 0
        (($sideBySide | ForEach-Object { "$($_.SourceFile):$($_.LineNumber)" }) -join ',') |
            Should -Be (($inTurn | ForEach-Object { "$($_.SourceFile):$($_.LineNumber)" }) -join ',')
    }

    # xUnit (CI): CmdletConventionTests.Get_LbAccessLog_reads_on_the_processor_count_of_threads_by_default_at_most_8
    It 'uses the processor count, at most 8, when -ThrottleLimit is not given' {
        $parameter = (Get-Command Get-LbAccessLog).Parameters['ThrottleLimit']
        $parameter.ParameterType | Should -Be ([int])
        [LbTools.PowerShell.Commands.GetLbAccessLogCommand]::new().ThrottleLimit |
            Should -Be ([Math]::Min([Environment]::ProcessorCount, 8))
    }

    # Core: ParallelLineParsingTests.Alb_lines_come_out_as_with_one_thread
    It 'gives the same records and errors in the same order with -ThrottleLimit 2' {
        $file = Join-Path $TestDrive 'many.log'
        Set-Content -Path $file -Value (1..3000 | ForEach-Object { if ($_ % 100 -eq 0) { 'junk' } else { $AlbHttpLine } })
        $one = Get-LbAccessLog -LiteralPath $file -ThrottleLimit 1 -ErrorVariable e1 -ErrorAction SilentlyContinue
        $two = Get-LbAccessLog -LiteralPath $file -ThrottleLimit 2 -ErrorVariable e2 -ErrorAction SilentlyContinue
        $one.Count | Should -Be 2970
        $two.Count | Should -Be $one.Count
        ($two.LineNumber -join ',') | Should -Be ($one.LineNumber -join ',')
        $e2.Count | Should -Be $e1.Count
        ($e2.TargetObject -join ',') | Should -Be ($e1.TargetObject -join ',')
    }

    # Core: AccessLogReaderFeatureTests.Filters_run_in_core_and_are_counted (-Since/-Until)
    It 'keeps records between -Since and -Until' {
        $r = Get-LbAccessLog -Path (Join-Path $ExampleLogs 'nginx') -Since '2024-06-01T10:00:01Z' -Until '2024-06-01T10:00:02Z'
        $r.Count | Should -Be 2
    }

    # Core: NginxLogFormatDirectiveTests; Integration: NginxLogFormatDirectiveTests (a real nginx)
    It 'takes -LogFormat as the log_format directive of nginx.conf, escape=json included' {
        $directive = @'
log_format j escape=json
    '$remote_addr "$http_user_agent" '
    '$status $request_time';
'@
        $r = '192.0.2.1 "say \"hi\"" 502 0.004' | Get-LbAccessLog -Format Nginx -LogFormat $directive
        $r.UserAgent | Should -Be 'say "hi"'
        $r.Status | Should -Be 502
        $r.RequestTime | Should -Be 0.004
    }

    # Core: NginxLineParserTests.Auto_detects_main_before_combined_so_the_agent_stays_whole
    It 'detects the main format of the nginx packages before combined' {
        $r = '172.17.0.1 - - [01/Jun/2024:10:00:01 +0000] "GET / HTTP/1.1" 502 157 "-" "curl/8.5.0" "203.0.113.9"' | Get-LbAccessLog
        $r.UserAgent | Should -Be 'curl/8.5.0'
        $r['http_x_forwarded_for'] | Should -Be '203.0.113.9'
    }

    # Core: Utf16LogFileTests.A_utf16_file_reads_like_its_utf8_original
    It 'reads a log saved as UTF-16, as Out-File writes it in Windows PowerShell 5.1' {
        $file = Join-Path $TestDrive 'utf16.log'
        @($AlbHttpLine, $AlbHttpLine) | Out-File -FilePath $file -Encoding Unicode
        $r = Get-LbAccessLog -LiteralPath $file
        $r.Count | Should -Be 2
        $r[1].Upstream | Should -Be '10.0.0.1:80'
        $r[1].LineNumber | Should -Be 2
    }

    # Core: AccessLogReaderFeatureTests.Follow_ends_by_itself_once_First_records_have_passed
    It 'follows a growing file with -Wait until -First records have passed' {
        $file = Join-Path $TestDrive 'grow.log'
        Set-Content -LiteralPath $file -Value $AlbHttpLine
        # In a second runspace (every PowerShell has one), so that a follow that never ends cannot
        # hang the test run: it is given 20 seconds, then stopped.
        $ps = [powershell]::Create([System.Management.Automation.RunspaceMode]::NewRunspace)
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $ModuleManifest).AddStatement()
            $null = $ps.AddCommand('Get-LbAccessLog').AddParameter('LiteralPath', $file).AddParameter('Format', 'AwsAlb').AddParameter('Wait').AddParameter('First', 2)
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 500
            Add-Content -LiteralPath $file -Value $AlbHttpLine
            $finished = $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(20))
            if (-not $finished) { $ps.Stop() }
            $finished | Should -BeTrue -Because '-First 2 ends the follow once the appended line is read'
            $records = $ps.EndInvoke($async)
            $ps.Streams.Error | Should -BeNullOrEmpty
        }
        finally {
            $ps.Dispose()
        }
        @($records).Count | Should -Be 2
        $records[1].LineNumber | Should -Be 2
    }

    # Core: NginxLineParserTests.Adjacent_variables_are_refused_when_compiling
    It 'refuses an unusable -LogFormat with a terminating error' {
        { 'x' | Get-LbAccessLog -Format Nginx -LogFormat '$status$body_bytes_sent' -ErrorAction Stop } | Should -Throw
    }

    # Core: AccessLogReaderFeatureTests.A_truncated_gzip_yields_the_records_before_the_cut_and_an_error_naming_file_and_offsets
    It 'reports a truncated .gz after the records before the damage' {
        $source = Get-ChildItem (Join-Path $ExampleLogs 'aws-alb') -Filter *.gz | Select-Object -First 1
        $bytes = [IO.File]::ReadAllBytes($source.FullName)
        $cut = Join-Path $TestDrive 'cut.log.gz'
        [IO.File]::WriteAllBytes($cut, $bytes[0..($bytes.Length - 5)])
        $null = Get-LbAccessLog -LiteralPath $cut -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LogFileCorrupt,*'
        $errs[0].TargetObject | Should -Be $cut
    }

    It 'exposes vendor fields as properties with -ExpandFields' {
        $r = $AlbHttpLine | Get-LbAccessLog -ExpandFields
        $r.elb_status_code | Should -Be '200'
        $r.Status | Should -Be 200
    }
}
