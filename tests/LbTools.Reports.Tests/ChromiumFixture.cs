using PuppeteerSharp;

namespace LbTools.Reports.Tests;

/// <summary>
/// One headless system Chromium for the tests of a class, with a fresh profile folder and every
/// background service it could call home with turned off. Never downloads a browser: without
/// /usr/bin/chromium the tests fail saying so (CI installs it: .ci/run).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly string _profile = Path.Combine(Path.GetTempPath(), "lbtools-chromium-" + Guid.NewGuid().ToString("N"));

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install it with 'apt-get install -y chromium' (.ci/run does so) to run the browser tests.");
        }

        Directory.CreateDirectory(_profile);
        Browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = ExecutablePath,
            UserDataDir = _profile,
            Timeout = 60_000,
            Args = new[]
            {
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser != null)
        {
            await Browser.CloseAsync();
            Browser.Dispose();
        }

        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; the folder is in /tmp.
        }
    }
}
