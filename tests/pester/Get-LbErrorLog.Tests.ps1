# Issue 16 end to end on the real nginx pair of examples/nginx-faults (nginx 1.22.1 in front of
# backends that misbehaved on purpose; see its README). Core counterpart: NginxFaultExampleTests.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Faults = Join-Path $PSScriptRoot '../../examples/nginx-faults'
    $script:AccessLog = Join-Path $Faults 'access.log'
    $script:ErrorLog = Join-Path $Faults 'error.log'
}

Describe 'Get-LbErrorLog' {
    It 'reads every entry into a typed event with the cause its message proves' {
        $events = Get-LbErrorLog -Path $ErrorLog
        $events | Should -HaveCount 15
        $events[0] | Should -BeOfType ([LbTools.Core.Logs.ErrorLog.NginxErrorEvent])
        $refused = $events | Where-Object Connection -EQ 3
        $refused.Level | Should -Be 'Error'
        $refused.Request | Should -Be 'GET /refused HTTP/1.1'
        $refused.CauseIds | Should -Be '502.BackendConnectFailed'
        $refused.MessageSource | Should -Match 'ngx_http_upstream\.c'
    }

    It 'keeps only the levels asked for' {
        $errors = Get-LbErrorLog -Path $ErrorLog -MinimumLevel Error
        $errors | Should -HaveCount 8
        $errors.Level | Sort-Object -Unique | Should -Be 'Error'
    }

    It 'reports a line that is no error-log entry with file and line, and goes on' {
        $file = Join-Path $TestDrive 'error.log'
        Set-Content -Path $file -Value @('not an nginx line', (Get-Content $ErrorLog -TotalCount 5)[4])
        $events = Get-LbErrorLog -Path $file -ErrorVariable bad -ErrorAction SilentlyContinue
        $events | Should -HaveCount 1
        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'LineRejected*'
        $bad[0].TargetObject | Should -Be "${file}:1"
    }
}

Describe 'Resolve-LbStatus -ErrorLogPath' {
    It 'names the cause nginx wrote for each error line, where the access log alone ties' {
        $alone = Get-LbAccessLog -Path $AccessLog | Resolve-LbStatus
        $invalidAlone = $alone | Where-Object Path -EQ '/invalid'
        $invalidAlone.IsTied | Should -BeTrue
        $invalidAlone.Verdict | Should -BeLike 'tied: *'
        $invalidAlone.TiedCauses | Should -Contain '502.MalformedResponse'
        $invalidAlone.DecidedBy -join ' ' | Should -Match 'upstream sent invalid header'

        $diagnoses = Get-LbAccessLog -Path $AccessLog | Resolve-LbStatus -ErrorLogPath $ErrorLog
        $byPath = @{}
        foreach ($d in $diagnoses) { $byPath[[string] $d.Path] = $d }
        $byPath['/refused'].TopCause | Should -Be '502.BackendConnectFailed'
        $byPath['/invalid'].TopCause | Should -Be '502.MalformedResponse'
        $byPath['/bigheader'].TopCause | Should -Be '502.ResponseHeaderTooLarge'
        $byPath['/closed'].TopCause | Should -Be '502.BackendClosedConnection'
        $byPath['/reset'].TopCause | Should -Be '502.BackendClosedConnection'
        $byPath['/retry'].TopCause | Should -Be '502.BackendConnectFailed'
        $byPath['/short'].TopCause | Should -Be '200.UpstreamBodyBroken'
        $byPath['/nostatus'].TopCause | Should -Be '009.Http09Response'
        $diagnoses | Where-Object IsTied | Should -BeNullOrEmpty
        $byPath['/invalid'].ErrorLogEvents.Message | Should -BeLike 'upstream sent invalid header*'
        ($byPath['/invalid'].Causes[0].Evidence | Where-Object Field -EQ 'error_log') | Should -Not -BeNullOrEmpty
    }

    It 'leaves clean 2xx lines without a diagnosis' {
        $diagnoses = Get-LbAccessLog -Path $AccessLog | Resolve-LbStatus -ErrorLogPath $ErrorLog
        $diagnoses | Where-Object Path -EQ '/orders' | Should -HaveCount 1
        ($diagnoses | Where-Object Path -EQ '/orders').Status | Should -Be 400
    }

    It 'warns about events no access line took and hands them over on the information stream' {
        $diagnoses = Get-LbAccessLog -Path $AccessLog -First 3 | Resolve-LbStatus -ErrorLogPath $ErrorLog -WarningVariable warned -InformationVariable unjoined -WarningAction SilentlyContinue -InformationAction SilentlyContinue
        $diagnoses | Should -HaveCount 2
        $warned | Should -HaveCount 1
        [string] $warned[0] | Should -Match '^9 of 11 request events'
        $unjoined | Should -HaveCount 9
        $unjoined[0].Tags | Should -Contain 'UnjoinedErrorLogEvent'
        $unjoined[0].MessageData | Should -BeOfType ([LbTools.Core.Logs.ErrorLog.NginxErrorEvent])
    }
}

# Core counterpart: TriageErrorLogTests.
Describe 'Invoke-LbTriage -ErrorLogPath' {
    It 'lets the error log decide the look-alike 502s and counts every event' {
        $plain = Invoke-LbTriage -Path $AccessLog
        @($plain.Incidents | Where-Object { $_.Status -eq 502 -and $_.Cause -like '*|*' }).Count | Should -BeGreaterThan 0
        $plain.ErrorLog | Should -BeNullOrEmpty

        $report = Invoke-LbTriage -Path $AccessLog -ErrorLogPath $ErrorLog
        $report.ErrorLog.Events | Should -Be 15
        $report.ErrorLog.Unjoined | Should -Be 0
        @($report.Incidents | Where-Object { $_.Status -eq 502 -and $_.Cause -like '*|*' }).Count | Should -Be 0
        $report.Incidents.Cause | Should -Contain '502.ResponseHeaderTooLarge'
        $report.Incidents.Cause | Should -Contain '200.UpstreamBodyBroken'
    }
}
