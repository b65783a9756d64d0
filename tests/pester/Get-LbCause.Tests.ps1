BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Get-LbCause' {
    It 'lists the whole catalog' {
        $causes = Get-LbCause
        $causes | Should -BeOfType ([LbTools.Core.Diagnosis.CauseDescription])
        $causes.Id | Should -Contain '502.BackendConnectFailed'
        $causes.Id | Should -Contain '463.ForwardingLoop'
    }

    It 'finds causes by id with wildcards' {
        (Get-LbCause -Id '499.*').Count | Should -Be 5
        (Get-LbCause '502.FromBackend').Id | Should -Be '502.FromBackend'
    }

    It 'finds causes by status code and provider' {
        (Get-LbCause -StatusCode 463 -Provider AwsAlb).Id | Should -Be '463.TooManyForwardedFor'
    }

    It 'finds causes by keyword' {
        (Get-LbCause -Keyword 'netstat').Id | Should -Contain '502.BacklogFull'
    }

    It 'reports an id that does not exist' {
        Get-LbCause -Id '502.NoSuchCause' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'takes top causes from Resolve-LbStatus by property name' {
        $cause = Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus | Select-Object -First 1 | Get-LbCause
        $cause.Id | Should -Not -BeNullOrEmpty
    }

    It 'writes Japanese texts with -Culture ja' {
        $cause = Get-LbCause -Id '503.QpsThrottled' -Culture ja
        $cause.Language | Should -Be 'ja'
        $cause.Title | Should -Match '上限'
    }

    It 'lists the triage checklist in every phase' {
        $steps = Get-LbCause -Triage
        $steps | Should -BeOfType ([LbTools.Core.Diagnosis.TriageStep])
        ($steps.Phase | Select-Object -Unique).Count | Should -Be 5
        $steps.Command | Should -Contain 'curl -v http://<backend-ip>:<port><path>'
    }

    It 'narrows the triage checklist to one origin' {
        $steps = Get-LbCause -Triage -Origin Backend
        $steps.Id | Should -Contain 'check-resources'
        $steps.Id | Should -Not -Contain 'check-client'
    }

    It 'lists the triage checklist in Japanese' {
        (Get-LbCause -Triage -Culture ja | Select-Object -First 1).Text | Should -Match '発生時間帯'
    }

    It 'formats causes as a table' {
        Get-LbCause -Id '502.*' | Format-Table | Out-String -Width 250 | Should -Match 'Origin'
    }

    It 'returns nothing for a piped diagnosis that has no top cause' {
        $found = [pscustomobject]@{ TopCause = $null } | Get-LbCause -ErrorVariable errs -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
    }
}
