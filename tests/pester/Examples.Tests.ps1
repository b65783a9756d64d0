BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Bundled example scripts' {
    It 'Invoke-LbTriage.ps1 summarises the bundled logs by cause' {
        $rows = & (Join-Path $PSScriptRoot '../../examples/Invoke-LbTriage.ps1') -Path $ExampleLogs
        $rows.Count | Should -BeGreaterThan 0
        $rows[0].PSObject.Properties.Name | Should -Contain 'TopCause'
        ($rows | Measure-Object Count -Sum).Sum | Should -Be (Get-LbAccessLog -Path $ExampleLogs -Recurse | Where-Object Status -ge 400).Count
    }
}
