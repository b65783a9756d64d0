BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'LbTools module' {
    It 'imports from the laid-out folder' {
        (Get-Module LbTools).ModuleBase | Should -Be (Split-Path (Resolve-Path $ModuleManifest) -Parent)
    }

    It 'exports exactly the cmdlets of the manifest' {
        $exported = (Get-Module LbTools).ExportedCmdlets.Keys | Sort-Object
        $manifest = Import-PowerShellDataFile $ModuleManifest
        $exported | Should -Be ($manifest.CmdletsToExport | Sort-Object)
        $exported | Should -Contain 'Get-LbAccessLog'
        $exported | Should -Contain 'Get-LbCause'
        $exported | Should -Contain 'Resolve-LbStatus'
        $exported | Should -Contain 'Test-LbBackend'
    }

    It 'does not ship System.Management.Automation.dll' {
        Join-Path (Split-Path $ModuleManifest -Parent) 'System.Management.Automation.dll' | Should -Not -Exist
    }

    It 'ships the optional vector tokenizer next to LbTools.Core.dll' {
        Join-Path (Split-Path $ModuleManifest -Parent) 'LbTools.Core.Simd.dll' | Should -Exist
    }

    It 'declares an output type for every cmdlet' {
        foreach ($name in (Get-Module LbTools).ExportedCmdlets.Keys) {
            (Get-Command $name).OutputType.Count | Should -BeGreaterThan 0 -Because "$name needs [OutputType]"
        }
    }
}
