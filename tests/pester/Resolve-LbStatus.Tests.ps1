BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Resolve-LbStatus' {
    It 'lists the catalog causes for a status code' {
        $diagnosis = Resolve-LbStatus -StatusCode 502 -Provider AwsAlb
        $diagnosis | Should -BeOfType ([LbTools.Core.Diagnosis.StatusDiagnosis])
        $diagnosis.Causes.CauseId | Should -Contain '502.BackendConnectFailed'
    }

    It 'diagnoses the error records of a log piped from Get-LbAccessLog' {
        $diagnoses = Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus
        $diagnoses.Count | Should -BeGreaterThan 0
        $diagnoses | ForEach-Object { $_.Status | Should -BeGreaterOrEqual 400 }
        $diagnoses.TopCause | Should -Contain '503.NoBackend'
        $diagnoses.TopCause | Should -Contain '504.BackendConnectTimeout'
        $diagnoses.TopCause | Should -Contain '502.LambdaError'
    }

    It 'gives every top cause its evidence' {
        $diagnosis = Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus | Where-Object TopCause -eq '503.NoBackend' | Select-Object -First 1
        $diagnosis.Causes[0].Evidence.Count | Should -BeGreaterThan 0
        $diagnosis.Causes[0].Source | Should -Not -BeNullOrEmpty
    }

    It 'writes Japanese texts with -Culture ja' {
        $diagnosis = Resolve-LbStatus -StatusCode 503 -Provider AwsAlb -Culture ja
        ($diagnosis.Causes | Where-Object CauseId -eq '503.NoBackend').Title | Should -Match 'バックエンド'
    }

    It 'rejects a culture it has no texts for' {
        { Resolve-LbStatus -StatusCode 502 -Culture 'xx' } | Should -Throw
    }

    It 'formats diagnoses as a table' {
        $text = Resolve-LbStatus -StatusCode 504 | Format-Table | Out-String
        $text | Should -Match 'TopCause'
    }
}
