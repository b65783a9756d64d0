BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Get-LbQuery' {
    It 'writes the DuckDB triage query over the given files' {
        $alb = Join-Path $ExampleLogs 'aws-alb'
        $query = Get-LbQuery DuckDb AwsAlb -Path (Join-Path $alb '*.log') -Interval 1m
        $query | Should -BeOfType ([LbTools.Core.Queries.LbQuery])
        $query.Kind | Should -Be 'Triage'
        $query.Text | Should -Match 'read_csv\('
        $query.Text | Should -Match "aws-alb[/\\]\*\.log'"
        $query.Parameters['interval_seconds'] | Should -Be '60'
    }

    It 'writes the Athena table with partition projection over the S3 prefix' {
        $query = Get-LbQuery Athena AwsClb -Kind Table -Location 's3://logs/AWSLogs/123456789012/elasticloadbalancing/us-east-1'
        $query.Text | Should -Match '^CREATE EXTERNAL TABLE IF NOT EXISTS `elb_access_logs`'
        $query.Text | Should -Match "'storage.location.template' = 's3://logs/AWSLogs/123456789012/elasticloadbalancing/us-east-1/\$\{day\}'"
    }

    It 'binds the window, statuses and timeouts as literals' {
        $query = Get-LbQuery Sls AlibabaAlb -Since '2024-06-01T10:00:00Z' -Until '2024-06-01T11:00:00Z' -StatusCode 504, 502 -ConnectTimeout 3
        $query.Text | Should -Match '^\* \| WITH '
        $query.Parameters['window_start'] | Should -Be "TIMESTAMP '2024-06-01 10:00:00.000000'"
        $query.Parameters['statuses'] | Should -Be '502, 504'
        $query.Parameters['connect_timeout_seconds'] | Should -Be '3E0'
    }

    It 'refuses an engine that does not hold the provider''s logs with an ErrorRecord' {
        { Get-LbQuery Athena AlibabaAlb -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidQueryRequest,LbTools.PowerShell.Commands.GetLbQueryCommand'
        try { Get-LbQuery Athena AlibabaAlb -ErrorAction Stop } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -Match 'Simple Log Service'
    }

    It 'refuses DuckDB without a path' {
        { Get-LbQuery DuckDb AwsAlb -ErrorAction Stop } | Should -Throw '*-Path*'
    }
}
