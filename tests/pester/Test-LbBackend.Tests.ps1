BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function Get-ClosedLoopbackPort {
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $l.Start(); $port = $l.LocalEndpoint.Port; $l.Stop()
        $port
    }
}

Describe 'Test-LbBackend' {
    BeforeAll {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $openPort = $listener.LocalEndpoint.Port
    }

    AfterAll {
        $listener.Stop()
    }

    It 'passes a listening loopback port with a connect time' {
        $result = Test-LbBackend -Target "127.0.0.1:$openPort" -Probe Tcp -TimeoutSec 2
        $result | Should -BeOfType ([LbTools.Core.Probes.ProbeResult])
        $result.Outcome | Should -Be 'Pass'
        $result.ConnectMs | Should -Not -BeNullOrEmpty
    }

    It 'names Refused for a closed port' {
        $result = Test-LbBackend -Target "127.0.0.1:$(Get-ClosedLoopbackPort)" -Probe Tcp -TimeoutSec 2
        $result.Outcome | Should -Be 'Fail'
        $result.FailureReason | Should -Be 'Refused'
        $result.Supports | Should -Contain '502.BackendConnectFailed'
    }

    It 'returns one bool per target with -Quiet' {
        $answers = Test-LbBackend -Target "127.0.0.1:$openPort", "127.0.0.1:$(Get-ClosedLoopbackPort)" -Probe Tcp -TimeoutSec 2 -Quiet
        $answers | Should -Be @($true, $false)
    }

    It 'binds Upstream from piped objects' {
        $result = [pscustomobject]@{ Upstream = "127.0.0.1:$openPort" } | Test-LbBackend -Probe Tcp -TimeoutSec 2
        $result.Target | Should -Be "127.0.0.1:$openPort"
    }

    It 'writes an InvalidArgument error for a malformed target and goes on' {
        $results = Test-LbBackend -Target 'no-port-here', "127.0.0.1:$openPort" -Probe Tcp -TimeoutSec 2 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTarget,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be 'no-port-here'
        $results.Outcome | Should -Be 'Pass'
    }
}
