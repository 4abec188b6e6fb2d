using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>
/// Full-page screenshots of each page at each step of a test, numbered in order, in
/// <c>tests/EndToEnd/artifacts/&lt;test&gt;/NN-&lt;role&gt;-&lt;step&gt;.png</c> (git-ignored), for people to look at.
/// </summary>
public sealed class Screenshots
{
    private readonly string _directory;
    private int _count;

    public Screenshots([CallerMemberName] string test = "")
    {
        _directory = Path.Combine(RepoPaths.Artifacts, test);
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        Directory.CreateDirectory(_directory);
    }

    public async Task<string> TakeAsync(PageSession session, string step)
    {
        var number = Interlocked.Increment(ref _count);
        var path = Path.Combine(_directory, $"{number:00}-{session.Role}-{step}.png");
        await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }
}
