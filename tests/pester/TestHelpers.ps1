# Shared by the Pester tests: where the laid-out module and the bundled logs are.
$script:ModuleManifest = if ($env:LBTOOLS_MODULE) { $env:LBTOOLS_MODULE } else { Join-Path $PSScriptRoot '../../out/LbTools/LbTools.psd1' }
$script:ExampleLogs = Join-Path $PSScriptRoot '../../examples/logs'
$script:AlbHttpLine = 'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"'

# What starts this same PowerShell as a child process: its own executable, or dotnet with the
# entry assembly when dotnet runs the host (src/LbTools.Pwsh). No 'pwsh' on PATH is needed.
function Get-LbChildPowerShell {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, [Reflection.Assembly]::GetEntryAssembly().Location)
    }
    @($process)
}

# Classic ELB example (reference §3) and the nginx upstream preset line used by Get-LbAccessLog tests.
$script:ClbHttpLine = '2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -'
$script:NginxUpstreamLine = '192.0.2.13 - - [01/Jun/2024:10:00:03 +0000] "GET /old HTTP/1.1" 502 157 "-" "curl/8.5.0" rt=0.003 uct="-, 0.001 : 0.002" uht="-, - : 0.001" urt="0.001, 0.001 : 0.001" us="502, 504 : 200" ua="127.0.0.1:9002, 127.0.0.1:9004 : 127.0.0.1:9005"'

# Runs a script block in a second runspace of this process (no jobs: they need a pwsh in $PSHOME
# or the ThreadJob module). Returns what Stop-LbBackground needs; the script block is passed as
# text, so it sees none of the caller's variables, only -ArgumentList.
function Start-LbBackground([scriptblock] $ScriptBlock, [object[]] $ArgumentList = @()) {
    $ps = [powershell]::Create([System.Management.Automation.RunspaceMode]::NewRunspace)
    $null = $ps.AddScript($ScriptBlock.ToString())
    foreach ($argument in $ArgumentList) { $null = $ps.AddArgument($argument) }
    [pscustomobject]@{ PowerShell = $ps; Async = $ps.BeginInvoke() }
}

# Waits up to -TimeoutSec for a Start-LbBackground script to end, stops it if it has not, and
# disposes of it. Returns $true when it ended by itself.
function Stop-LbBackground($Background, [double] $TimeoutSec = 0) {
    if (-not $Background) { return $false }
    $ps = $Background.PowerShell
    try {
        $ended = $Background.Async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($TimeoutSec))
        if (-not $ended) { $ps.Stop() }
        $ended
    }
    finally {
        # The PowerShell made its runspace, so it closes it too.
        $ps.Dispose()
    }
}

# Runs a SQL file on embedded DuckDB (tests/tools/LbTools.DuckDbRun, which the test build names in
# $env:LBTOOLS_DUCKDBRUN) and writes the last result set as CSV. Throws with DuckDB's message.
function Invoke-LbDuckDb([string] $QueryPath, [string] $OutFile) {
    $tool = $env:LBTOOLS_DUCKDBRUN
    if (-not $tool) { $tool = Join-Path $PSScriptRoot '../tools/LbTools.DuckDbRun/bin/Release/net10.0/LbTools.DuckDbRun.dll' }
    if (-not (Test-Path -LiteralPath $tool)) { throw "LbTools.DuckDbRun is not built ($tool): dotnet build LbTools.sln -c Release" }
    $dotnet = if ($env:DOTNET_HOST_PATH -and (Test-Path -LiteralPath $env:DOTNET_HOST_PATH)) { $env:DOTNET_HOST_PATH }
              elseif ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { [Environment]::ProcessPath }
              else { 'dotnet' }
    $output = & $dotnet $tool $QueryPath $OutFile 2>&1
    if ($LASTEXITCODE -ne 0) { throw "LbTools.DuckDbRun exited $LASTEXITCODE`: $output" }
}

