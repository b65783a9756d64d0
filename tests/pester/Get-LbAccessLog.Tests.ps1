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

    It 'expands wildcards in -Path' {
        $records = Get-LbAccessLog -Path (Join-Path $ExampleLogs 'aws-alb/*.log')
        $records.Count | Should -BeGreaterThan 0
        $records.SourceFile | Sort-Object -Unique | Should -HaveCount 1
    }

    It 'takes files from Get-ChildItem through the pipeline' {
        $records = Get-ChildItem (Join-Path $ExampleLogs 'aws-alb') -File | Get-LbAccessLog
        ($records.SourceFile | Sort-Object -Unique).Count | Should -Be 2
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
        $text = Get-LbAccessLog -Path $ExampleLogs -Recurse | Select-Object -First 3 | Format-Table | Out-String
        $text | Should -Match 'Status'
        $text | Should -Match 'UpstreamAddress'
    }
}
