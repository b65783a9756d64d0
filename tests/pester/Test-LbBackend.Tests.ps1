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
        # Listens but never accepts: the kernel completes TCP handshakes into the backlog.
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

    It 'takes unique upstreams of several records and answers -Quiet per target' {
        $closed = "127.0.0.1:$(Get-ClosedLoopbackPort)"
        $records = @(
            [pscustomobject]@{ Upstream = "127.0.0.1:$openPort"; Status = 502 }
            [pscustomobject]@{ Upstream = "127.0.0.1:$openPort"; Status = 200 }
            [pscustomobject]@{ Upstream = $closed; Status = 502 }
        )
        $answers = $records | Select-Object -Unique Upstream | Test-LbBackend -Probe Tcp -TimeoutSec 2 -Quiet
        $answers | Should -Be @($true, $false)
    }

    It 'probes each address of an nginx multi-value upstream on its own' {
        $closed = "127.0.0.1:$(Get-ClosedLoopbackPort)"
        $results = [pscustomobject]@{ Upstream = "127.0.0.1:$openPort, $closed" } | Test-LbBackend -Probe Tcp -TimeoutSec 2
        $results.Count | Should -Be 2
        ($results | Where-Object Target -EQ "127.0.0.1:$openPort").Outcome | Should -Be 'Pass'
        ($results | Where-Object Target -EQ $closed).FailureReason | Should -Be 'Refused'
    }

    It 'runs Dns and Tcp by default and stops at a refused connect' {
        $results = Test-LbBackend -Target "127.0.0.1:$(Get-ClosedLoopbackPort)" -TimeoutSec 2
        $results.Probe -join ',' | Should -Be 'Dns,Tcp'
        $results[1].FailureReason | Should -Be 'Refused'
    }

    It 'declares the probe parameters' {
        $parameters = (Get-Command Test-LbBackend).Parameters.Keys
        foreach ($name in 'Target', 'Probe', 'ServerName', 'HostHeader', 'Method', 'Path', 'ExpectStatus', 'RequestTimeout', 'Concurrency', 'ThrottleLimit', 'TimeoutSec', 'Quiet', 'MaxHeaderBytes', 'TryMethod') {
            $parameters | Should -Contain $name
        }
    }

    It 'refuses a -Concurrency over 200' {
        { Test-LbBackend -Target "127.0.0.1:$openPort" -Concurrency 500 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'writes an InvalidArgument error for a malformed target and goes on' {
        $results = Test-LbBackend -Target 'no-port-here', "127.0.0.1:$openPort" -Probe Tcp -TimeoutSec 2 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTarget,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be 'no-port-here'
        $results.Outcome | Should -Be 'Pass'
    }

    It 'skips piped records that carry no upstream address, without an error' {
        $results = [pscustomobject]@{ Upstream = $null }, [pscustomobject]@{ Upstream = '' } |
            Test-LbBackend -Probe Tcp -TimeoutSec 2 -ErrorVariable errs -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
    }
}

Describe 'Test-LbBackend -Probe Http' {
    BeforeAll {
        # A backend that answers every connection with a header line lacking its colon.
        $answering = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $answering.Start()
        $answeringPort = $answering.LocalEndpoint.Port
        # Served from a second runspace; AfterAll stops the listener and then that runspace.
        $server = [powershell]::Create([System.Management.Automation.RunspaceMode]::NewRunspace)
        $null = $server.AddScript({
            param($l)
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ([DateTime]::UtcNow -lt $deadline) {
                $accept = $l.AcceptTcpClientAsync()
                if (-not $accept.Wait(1000)) { continue }
                $client = $accept.Result
                $stream = $client.GetStream()
                $reader = [System.IO.StreamReader]::new($stream, [System.Text.Encoding]::ASCII)
                while ($reader.ReadLine()) { }
                $bytes = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 200 OK`r`nServer broken-app`r`nContent-Length: 0`r`n`r`n")
                $stream.Write($bytes, 0, $bytes.Length)
                $client.Close()
            }
        }).AddArgument($answering)
        $null = $server.BeginInvoke()
    }

    AfterAll {
        $answering.Stop()
        # The loop waits at most a second on an accept, so Stop returns within about a second.
        $server.Stop()
        $server.Dispose()
    }

    It 'reports MalformedResponse with its cause id' {
        $result = Test-LbBackend -Target "http://127.0.0.1:$answeringPort/" -Probe Http -TimeoutSec 5
        $result.Outcome | Should -Be 'Fail'
        $result.FailureReason | Should -Be 'MalformedResponse'
        $result.Supports | Should -Contain '502.MalformedResponse'
    }
}
