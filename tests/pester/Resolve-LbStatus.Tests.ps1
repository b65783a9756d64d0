BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function New-TestProbe([string] $Target, [string] $Kind, [string] $Reason) {
        $hostName, $port = $Target -split ':'
        $probe = [LbTools.Core.Probes.ProbeResult]::new($Target, $hostName, [int] $port, $hostName, $Kind)
        $probe.Outcome = if ($Reason -eq 'None') { 'Pass' } else { 'Fail' }
        $probe.FailureReason = $Reason
        $probe
    }
}

Describe 'Resolve-LbStatus' {
    Context 'status codes' {
        It 'lists the catalog causes for a status code' {
            $diagnosis = Resolve-LbStatus -StatusCode 502 -Provider AwsAlb
            $diagnosis | Should -BeOfType ([LbTools.Core.Diagnosis.StatusDiagnosis])
            $diagnosis.Causes.CauseId | Should -Contain '502.BackendConnectFailed'
        }

        It 'gives AWS and Alibaba 463 different causes' {
            (Resolve-LbStatus -StatusCode 463 -Provider AwsAlb).Causes.CauseId | Should -Be '463.TooManyForwardedFor'
            (Resolve-LbStatus -StatusCode 463 -Provider AlibabaAlb).Causes.CauseId | Should -Be '463.ForwardingLoop'
        }
    }

    Context 'records' {
        It 'diagnoses the error records of a log piped from Get-LbAccessLog' {
            $diagnoses = Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus
            $diagnoses.Count | Should -BeGreaterThan 0
            # Diagnosed: errors (>= 400), 000 (viewer closed, CloudFront) and successes that hid a failed upstream attempt ("502, 200").
            foreach ($d in $diagnoses) {
                $hidFailure = @($d.Record.UpstreamStatuses | Where-Object { $_ -ge 400 }).Count -gt 0
                ($d.Status -ge 400 -or $d.Status -eq 0 -or $hidFailure) | Should -BeTrue -Because "$($d.SourceFile):$($d.LineNumber) was diagnosed"
            }
            $diagnoses.TopCause | Should -Contain '503.NoBackend'
            $diagnoses.TopCause | Should -Contain '504.BackendConnectTimeout'
            $diagnoses.TopCause | Should -Contain '502.LambdaError'
        }

        It 'gives every top cause its evidence, rationale and source' {
            $diagnosis = Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus | Where-Object TopCause -eq '503.NoBackend' | Select-Object -First 1
            $diagnosis.Causes[0].Evidence.Count | Should -BeGreaterThan 0
            $diagnosis.Causes[0].Rationale | Should -Match '^score \d+: '
            $diagnosis.Causes[0].Source | Should -Not -BeNullOrEmpty
        }

        # Core: ExampleLogDiagnosisTests.A_longer_idle_timeout_weakens_the_response_timeout_of_a_60_second_wait
        It 'moves the idle-timeout threshold with -IdleTimeout' {
            # Only the AWS ALB rule weighs the wait against the idle timeout: the bundled CLB 504
            # (score 70) and nginx 504 (request timeout, score 85) name the same cause without it.
            $atIdle = @(Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus |
                Where-Object { $_.TopCause -eq '504.BackendResponseTimeout' -and $_.Provider -eq 'AwsAlb' })
            $atIdle.Count | Should -BeGreaterThan 0
            $atIdle | ForEach-Object { $_.Causes[0].Score | Should -Be 85 }
            $moved = @($atIdle.Record | Resolve-LbStatus -IdleTimeout 600)
            $moved.Count | Should -Be $atIdle.Count
            $moved | ForEach-Object {
                ($_.Causes | Where-Object CauseId -eq '504.BackendResponseTimeout').Score | Should -BeLessThan 85
            }
        }
    }

    Context 'probes' {
        It 'lets a probe of the record''s upstream confirm a cause' {
            $probe = New-TestProbe '10.0.3.21:8080' 'Tls' 'TlsExpired'
            $diagnosis = Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus -Probe $probe |
                Where-Object Upstream -eq '10.0.3.21:8080' | Where-Object Status -eq 502 | Select-Object -First 1
            $diagnosis.TopCause | Should -Be '502.TlsToBackendFailed'
            $diagnosis.Causes[0].Score | Should -Be 95
        }

        It 'ranks the causes of a status from piped probe results alone' {
            $diagnosis = New-TestProbe '10.0.0.5:8080' 'Tcp' 'Refused' | Resolve-LbStatus -StatusCode 502
            $diagnosis.TopCause | Should -Be '502.BackendConnectFailed'
        }
    }

    Context 'summary' {
        It 'writes one incident per status, top cause and upstream' {
            $incidents = Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus -Summary
            $incidents | Should -BeOfType ([LbTools.Core.Diagnosis.IncidentSummary])
            ($incidents | Measure-Object -Property Count -Sum).Sum | Should -Be (Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus | Measure-Object).Count
            $incidents[0].NextSteps.Count | Should -BeGreaterThan 0
            $incidents[0].Share | Should -BeGreaterThan 0
        }

        It 'formats incidents as a table' {
            $text = Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus -Summary | Format-Table | Out-String -Width 250
            $text | Should -Match 'Verdict'
            $text | Should -Match 'Share'
        }
    }

    Context 'rule files' {
        It 'adds causes and rules from -RulePath' {
            $path = Join-Path $TestDrive 'rules.json'
            $text = @{ en = @{ title = 'Upstream gone'; explanation = 'e'; checks = @('c'); remedy = 'r' }; ja = @{ title = '消失'; explanation = 'e'; checks = @('c'); remedy = 'r' } }
            @{
                causes = @(@{ id = '599.UpstreamGone'; status = @(599); providers = @('Nginx'); origin = 'Backend'; source = 'ops wiki'; text = $text })
                rules  = @(@{ name = 'gone'; cause = '599.UpstreamGone'; score = 70; when = @{ status = @(599) } })
            } | ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $path
            (Resolve-LbStatus -StatusCode 599 -Provider Nginx -RulePath $path).Causes.CauseId | Should -Contain '599.UpstreamGone'
        }

        It 'stops with an error naming the bad entry' {
            $path = Join-Path $TestDrive 'bad.json'
            '{"rules":[{"name":"broken","cause":"502.FromBackend","score":500,"when":{"status":[502]}}]}' | Set-Content -LiteralPath $path
            { Resolve-LbStatus -StatusCode 502 -RulePath $path -ErrorAction Stop } | Should -Throw -ExpectedMessage "*broken*score*"
        }
    }

    Context 'culture' {
        It 'writes Japanese texts with -Culture ja' {
            $diagnosis = Resolve-LbStatus -StatusCode 503 -Provider AwsAlb -Culture ja
            ($diagnosis.Causes | Where-Object CauseId -eq '503.NoBackend').Title | Should -Match 'バックエンド'
        }

        It 'writes Japanese incident steps with -Culture ja' {
            $incident = Get-LbAccessLog -Path $ExampleLogs -Recurse | Resolve-LbStatus -Summary -Culture ja | Select-Object -First 1
            ($incident.NextSteps -join ' ') | Should -Match '発生時間帯'
        }

        It 'rejects a culture it has no texts for' {
            { Resolve-LbStatus -StatusCode 502 -Culture 'xx' } | Should -Throw
        }
    }

    It 'formats diagnoses as a table' {
        $text = Resolve-LbStatus -StatusCode 504 | Format-Table | Out-String -Width 250
        $text | Should -Match 'Verdict'
        # A code alone is no evidence: the catalog's causes for it follow, none presented as the answer.
        $text | Should -Match '\(no evidence\)'
        $text | Should -Match '504\.BackendResponseTimeout'
    }
}
