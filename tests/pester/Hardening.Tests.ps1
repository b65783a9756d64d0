# Issue 14: hostile input through the cmdlets. Each It names its Core (xUnit) counterpart, the
# same case checked below the cmdlet.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    $script:GoodNginx = '203.0.113.5 - - [01/Jun/2024:10:00:00 +0000] "GET / HTTP/1.1" 502 615 "-" "curl/8.5.0"'

    function New-TestCertificate([DateTimeOffset] $NotBefore, [DateTimeOffset] $NotAfter) {
        $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=backend.example.test', $key, [System.Security.Cryptography.HashAlgorithmName]::SHA256)
        $names = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        $names.AddDnsName('backend.example.test')
        $request.CertificateExtensions.Add($names.Build())
        $certificate = $request.CreateSelfSigned($NotBefore, $NotAfter)
        # On Linux an SslStream server needs the key in a PKCS#12-loaded certificate.
        [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx))
    }
}

Describe 'Get-LbAccessLog with hostile files' {
    # Core: FieldContentRejectionTests.A_bad_time_on_the_first_line_is_one_rejected_line, A_bad_first_file_does_not_end_the_files_after_it
    It 'rejects a first line with an impossible time zone by itself and reads on, into the next file' {
        $bad = Join-Path $TestDrive 'a.log'
        $good = Join-Path $TestDrive 'b.log'
        Set-Content -LiteralPath $bad -Value @(($GoodNginx -replace '\+0000', '+9900'), $GoodNginx)
        Set-Content -LiteralPath $good -Value $GoodNginx
        $records = Get-LbAccessLog -Path $bad, $good -ErrorVariable errs -ErrorAction SilentlyContinue
        $records.Count | Should -Be 2
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LineRejected*'
        $errs[0].TargetObject | Should -Be "${bad}:1"
        $errs[0].Exception.Message | Should -BeLike '*time_local*'
    }

    # Core: OddFileTests.Every_line_cap_the_parameter_allows_reads_the_file
    It 'reads with the largest -MaxLineLength the parameter allows' {
        $path = Join-Path $TestDrive 'max.log'
        Set-Content -LiteralPath $path -Value $GoodNginx
        $records = Get-LbAccessLog -Path $path -MaxLineLength ([int]::MaxValue) -ErrorVariable errs -ErrorAction SilentlyContinue
        @($records).Count | Should -Be 1
        $errs.Count | Should -Be 0
    }

    # Core: OddFileTests.A_file_with_nothing_but_blank_lines_is_empty_not_unrecognised, Blank_lines_before_the_first_record_do_not_use_up_detection
    It 'takes a file of blank lines as empty and finds records after many blank lines' {
        $blank = Join-Path $TestDrive 'blank.log'
        $late = Join-Path $TestDrive 'late.log'
        Set-Content -LiteralPath $blank -Value @('', '', '')
        Set-Content -LiteralPath $late -Value (@('') * 40 + $GoodNginx)
        $records = Get-LbAccessLog -Path $blank, $late -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 0
        @($records).Count | Should -Be 1
        @($records)[0].LineNumber | Should -Be 41
    }

    # Core: FileSourceTests.A_link_loop_under_recurse_reads_each_file_once
    It 'reads each file once under -Recurse when a link loops back' {
        $root = Join-Path $TestDrive 'loop'
        $sub = New-Item -ItemType Directory -Path (Join-Path $root 'sub') -Force
        Set-Content -LiteralPath (Join-Path $root 'a.log') -Value $GoodNginx
        New-Item -ItemType SymbolicLink -Path (Join-Path $sub.FullName 'back') -Target $root | Out-Null
        $records = Get-LbAccessLog -Path $root -Recurse -ErrorVariable errs -ErrorAction SilentlyContinue
        @($records).Count | Should -Be 1
        $errs.Count | Should -Be 0
    }

    # Core: FileSourceTests.A_fifo_is_read_like_a_file
    # A FIFO is a Unix file type: this test needs mkfifo (the test command runs on Linux).
    It 'reads a FIFO' {
        $mkfifo = Get-Command mkfifo -CommandType Application -ErrorAction Stop | Select-Object -First 1
        $fifo = Join-Path $TestDrive 'pipe'
        & $mkfifo.Source $fifo
        # The writer blocks until the reader opens the pipe, writes, closes: the read ends there.
        $writer = Start-LbBackground -ArgumentList $fifo, $GoodNginx -ScriptBlock {
            param($path, $line)
            [System.IO.File]::WriteAllText($path, "$line`n$line`n")
        }
        try {
            $records = Get-LbAccessLog -Path $fifo -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally {
            # A writer still waiting for a reader (the cmdlet never opened the pipe) is let go by one.
            if (-not $writer.Async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10))) {
                $drain = [System.IO.File]::OpenRead($fifo)
                try { $drain.CopyTo([System.IO.Stream]::Null) } finally { $drain.Dispose() }
            }
            $wrote = Stop-LbBackground $writer -TimeoutSec 20
        }
        $wrote | Should -BeTrue -Because 'the writer ends once its lines are read'
        @($records).Count | Should -Be 2
        $errs.Count | Should -Be 0
    }
}

Describe 'Get-LbAccessLog with damaged and padded .gz files' {
    # Core: FileSourceTests.A_gzip_with_zero_padding_is_complete
    It 'reads a .gz followed by zero padding without an error' {
        $path = Join-Path $TestDrive 'padded.log.gz'
        $file = [System.IO.File]::Create($path)
        try {
            $gzip = [System.IO.Compression.GZipStream]::new($file, [System.IO.Compression.CompressionLevel]::Optimal, $true)
            $bytes = [System.Text.Encoding]::ASCII.GetBytes("$GoodNginx`n$GoodNginx`n")
            $gzip.Write($bytes, 0, $bytes.Length)
            $gzip.Dispose()
            $file.Write([byte[]]::new(512), 0, 512)
        }
        finally { $file.Dispose() }
        $records = Get-LbAccessLog -Path $path -ErrorVariable errs -ErrorAction SilentlyContinue
        $records.Count | Should -Be 2
        $errs.Count | Should -Be 0
    }
}

Describe 'Test-LbBackend against a backend that trickles its body' {
    BeforeAll {
        $slow = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $slow.Start()
        $slowPort = $slow.LocalEndpoint.Port
        $trickler = Start-LbBackground -ArgumentList $slow -ScriptBlock {
            param($l)
            $accept = $l.AcceptTcpClientAsync()
            if (-not $accept.Wait(30000)) { return }
            $client = $accept.Result
            try {
                $stream = $client.GetStream()
                $reader = [System.IO.StreamReader]::new($stream, [System.Text.Encoding]::ASCII)
                while ($reader.ReadLine()) { }
                $head = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 200 OK`r`nContent-Length: 1000`r`n`r`n")
                $stream.Write($head, 0, $head.Length)
                for ($i = 0; $i -lt 300; $i++) {
                    $stream.WriteByte(120)
                    Start-Sleep -Milliseconds 200
                }
            }
            catch { }
            finally { $client.Close() }
        }
    }

    AfterAll {
        $slow.Stop()
        $null = Stop-LbBackground $trickler
    }

    # Core: ProbeHardeningTests.A_body_sent_one_byte_at_a_time_cannot_hold_the_probe
    It 'ends the probe with TimedOut, naming the whole-response limit' {
        $result = Test-LbBackend -Target "http://127.0.0.1:$slowPort/" -Probe Http -TimeoutSec 1
        $result.Outcome | Should -Be 'Fail'
        $result.FailureReason | Should -Be 'TimedOut'
        $result.Message | Should -BeLike '*complete response within 4 s*'
    }
}

Describe 'Test-LbBackend never puts a line break on the wire' {
    BeforeAll {
        # Listens but never accepts: a connection attempt would show as pending.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
    }

    AfterAll {
        $listener.Stop()
    }

    # Core: ProbeHardeningTests.Options_that_would_add_a_header_line_are_refused
    It 'refuses a -Path with CR/LF before connecting' {
        { Test-LbBackend -Target "127.0.0.1:$port" -Probe Http -Path "/x`r`nX-Injected: yes" -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidProbeOptions,*'
        $listener.Pending() | Should -BeFalse
    }

    # Core: ProbeHardeningTests.Options_that_would_add_a_header_line_are_refused
    It 'refuses a -HostHeader with CR/LF' {
        { Test-LbBackend -Target "127.0.0.1:$port" -Probe Http -HostHeader "a`r`nX-Injected: yes" -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidProbeOptions,*'
    }

    # Core: ProbeHardeningTests.An_upstream_from_a_log_line_cannot_carry_a_header
    It 'refuses a piped upstream that carries CR/LF, showing it escaped' {
        $results = [pscustomobject]@{ Upstream = "127.0.0.1:$port`r`nX-Injected: yes" } |
            Test-LbBackend -Probe Http -TimeoutSec 2 -ErrorVariable errs -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTarget,*'
        $errs[0].Exception.Message | Should -BeLike '*\r\n*'
        $errs[0].Exception.Message | Should -Not -Match "`n"
        $listener.Pending() | Should -BeFalse
    }
}

Describe 'Test-LbBackend -Probe Http judges the certificate' {
    BeforeAll {
        $expired = New-TestCertificate ([DateTimeOffset]::UtcNow.AddDays(-60)) ([DateTimeOffset]::UtcNow.AddDays(-2))
        $tls = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $tls.Start()
        $tlsPort = $tls.LocalEndpoint.Port
        $server = Start-LbBackground -ArgumentList $tls, $expired -ScriptBlock {
            param($l, $certificate)
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ([DateTime]::UtcNow -lt $deadline) {
                $accept = $l.AcceptTcpClientAsync()
                if (-not $accept.Wait(1000)) { continue }
                $client = $accept.Result
                try {
                    $ssl = [System.Net.Security.SslStream]::new($client.GetStream())
                    $ssl.AuthenticateAsServer($certificate)
                    $reader = [System.IO.StreamReader]::new($ssl, [System.Text.Encoding]::ASCII)
                    while ($reader.ReadLine()) { }
                    $bytes = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 200 OK`r`nContent-Length: 2`r`n`r`nok")
                    $ssl.Write($bytes, 0, $bytes.Length)
                    $ssl.Flush()
                }
                catch { }
                finally { $client.Close() }
            }
        }
    }

    AfterAll {
        $tls.Stop()
        $null = Stop-LbBackground $server
    }

    # Core: ProbeHardeningTests.An_expired_certificate_fails_every_http_probe
    It 'fails an expired certificate although the response is sound' {
        $result = Test-LbBackend -Target "https://127.0.0.1:$tlsPort/" -Probe Http -ServerName 'backend.example.test' -TimeoutSec 5
        $result.Outcome | Should -Be 'Fail'
        $result.FailureReason | Should -Be 'TlsExpired'
        $result.Supports | Should -Contain '502.TlsToBackendFailed'
    }
}

Describe 'Resolve-LbStatus with hostile rule files' {
    # Core: RuleFileHardeningTests.A_value_of_the_wrong_kind_names_the_file_and_the_rule
    It 'names file and rule for a provider given as a number' {
        $path = Join-Path $TestDrive 'numeric.json'
        '{"rules":[{"name":"numeric","cause":"502.FromBackend","score":50,"when":{"status":[502],"provider":["999"]}}]}' | Set-Content -LiteralPath $path
        { Resolve-LbStatus -StatusCode 502 -RulePath $path -ErrorAction Stop } | Should -Throw -ExpectedMessage "*numeric.json*numeric*unknown provider '999'*"
    }

    # Core: RuleFileHardeningTests.A_value_of_the_wrong_kind_names_the_file_and_the_rule
    It 'names file and rule for a score given as a string' {
        $path = Join-Path $TestDrive 'score.json'
        '{"rules":[{"name":"stringy","cause":"502.FromBackend","score":"50","when":{"status":[502]}}]}' | Set-Content -LiteralPath $path
        { Resolve-LbStatus -StatusCode 502 -RulePath $path -ErrorAction Stop } | Should -Throw -ExpectedMessage "*score.json*stringy*score*"
    }

    # Core: RuleFileHardeningTests.A_backtracking_pattern_on_a_client_value_is_no_match_and_is_counted
    It 'goes on past a pattern that times out on a client user agent, and warns' {
        $rules = Join-Path $TestDrive 'evil.json'
        '{"rules":[{"name":"evil","cause":"502.FromBackend","score":50,"when":{"status":[502],"field":"UserAgent","matches":"^(a+)+$"}}]}' | Set-Content -LiteralPath $rules
        $log = Join-Path $TestDrive 'agents.log'
        Set-Content -LiteralPath $log -Value @(($GoodNginx -replace 'curl/8.5.0', ('a' * 40 + '!')), $GoodNginx)
        $diagnoses = Get-LbAccessLog -Path $log | Resolve-LbStatus -RulePath $rules -WarningVariable warnings -WarningAction SilentlyContinue
        $diagnoses.Count | Should -Be 2
        ($warnings -join ' ') | Should -BeLike "*Rule 'evil'*UserAgent*"
    }
}
