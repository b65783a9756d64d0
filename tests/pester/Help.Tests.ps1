BeforeDiscovery {
    # -ForEach data is evaluated during discovery, before BeforeAll runs: import the module here too.
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $exportedCmdlets = @((Get-Module LbTools).ExportedCmdlets.Keys)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

# Behind these: tests/LbTools.PowerShell.Tests/HelpTests.cs checks the help source covers every
# cmdlet and parameter and that the MAML it builds is well formed; here Get-Help reads it.
Describe 'Get-Help for LbTools' {
    It 'ships the MAML file and the about topic in en-US' {
        $folder = Join-Path (Split-Path $ModuleManifest -Parent) 'en-US'
        Join-Path $folder 'LbTools.PowerShell.dll-Help.xml' | Should -Exist
        Join-Path $folder 'about_LbTools.help.txt' | Should -Exist
    }

    It 'gives <_> a synopsis, a description, examples and related links' -ForEach $exportedCmdlets {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+-\S+\s*\[' -Because 'a generated synopsis (just the syntax) means the MAML was not found'
        $help.Description | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        @($help.RelatedLinks.NavigationLink).Count | Should -BeGreaterThan 0
    }

    It 'describes every parameter of <_>' -ForEach $exportedCmdlets {
        $cmdletName = $_
        $command = Get-Command $cmdletName
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($name in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $parameter = Get-Help $cmdletName -Parameter $name
            ($parameter.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs help"
        }
    }

    It 'finds about_LbTools' {
        $text = Get-Help about_LbTools | Out-String
        $text | Should -Match 'Cause ids|CAUSE IDS'
        $text | Should -Match 'Resolve-LbStatus'
    }
}
