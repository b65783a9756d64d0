@{
    RootModule           = 'LbTools.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1d3c2a-8b4e-4f0a-9c57-2d1e0b7a4c93'
    Author               = 'LbTools'
    CompanyName          = 'LbTools'
    Copyright            = '(c) LbTools. All rights reserved.'
    Description          = 'Turns "the load balancer returns 502" into an answer: parses AWS ALB/CLB, CloudFront, Alibaba Cloud ALB/CLB and nginx access logs, probes backends the way a balancer talks to them, and maps status codes to ranked causes with evidence.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('LbTools.format.ps1xml')
    CmdletsToExport      = @(
        'Get-LbAccessLog'
        'Get-LbCause'
        'Get-LbErrorLog'
        'Get-LbQuery'
        'Invoke-LbTriage'
        'Resolve-LbStatus'
        'Test-LbBackend'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('LoadBalancer', 'ALB', 'ELB', 'CloudFront', 'nginx', 'Alibaba', '502', 'Troubleshooting', 'AccessLog')
            ProjectUri = ''
        }
    }
}
