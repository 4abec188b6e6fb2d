using System.Text.Json;
using Microsoft.Playwright;
using WarmTransfer.EndToEnd.Infrastructure;

namespace WarmTransfer.EndToEnd.Pages;

/// <summary>Accessibility and layout checks that read the real page: Chromium's accessibility tree, focus, geometry.</summary>
public static class PageChecks
{
    private static readonly HashSet<string> ControlRoles = new(StringComparer.Ordinal)
    {
        "button", "textbox", "combobox", "checkbox", "radio", "meter", "link", "slider", "spinbutton", "searchbox", "listbox", "switch",
    };

    // Visible, enabled, focusable controls, described the same way the focus walk describes them.
    private const string DescribeScript = """
        el => el.id || el.getAttribute('aria-label') || (el.textContent || '').trim() || el.tagName
        """;

    private const string VisibleControlsScript = """
        () => Array.from(document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'))
          .filter(el => !el.disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
            && !el.closest('[hidden]') && !el.classList.contains('skip-link'))
          .map(el => el.id || el.getAttribute('aria-label') || (el.textContent || '').trim() || el.tagName)
        """;

    /// <summary>Controls (by role) in Chromium's accessibility tree that have no accessible name.</summary>
    public static async Task<IReadOnlyList<string>> UnnamedControlsAsync(PageSession session)
    {
        var cdp = await session.Context.NewCDPSessionAsync(session.Page);
        var tree = await cdp.SendAsync("Accessibility.getFullAXTree");
        var unnamed = new List<string>();
        foreach (var node in tree!.Value.GetProperty("nodes").EnumerateArray())
        {
            if (node.TryGetProperty("ignored", out var ignored) && ignored.GetBoolean())
            {
                continue;
            }

            var role = Value(node, "role");
            if (role is not null && ControlRoles.Contains(role) && string.IsNullOrWhiteSpace(Value(node, "name")))
            {
                unnamed.Add($"{role} (node {node.GetProperty("nodeId").GetString()})");
            }
        }

        await cdp.DetachAsync();
        return unnamed;
    }

    /// <summary>How many named controls the accessibility tree holds (so a check over an empty page cannot pass).</summary>
    public static async Task<int> NamedControlCountAsync(PageSession session)
    {
        var cdp = await session.Context.NewCDPSessionAsync(session.Page);
        var tree = await cdp.SendAsync("Accessibility.getFullAXTree");
        var count = tree!.Value.GetProperty("nodes").EnumerateArray().Count(node =>
            !(node.TryGetProperty("ignored", out var ignored) && ignored.GetBoolean())
            && Value(node, "role") is { } role && ControlRoles.Contains(role)
            && !string.IsNullOrWhiteSpace(Value(node, "name")));
        await cdp.DetachAsync();
        return count;
    }

    /// <summary>The visible, enabled controls a keyboard user must be able to reach.</summary>
    public static async Task<IReadOnlyList<string>> VisibleControlsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(VisibleControlsScript);

    /// <summary>
    /// Presses Tab until focus has gone once round the page (through the browser's own stops, where focus leaves the
    /// document) and returns what got focus. Every focused element must show a focus indicator (an outline of at
    /// least 2 px), or the walk reports it.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Reached, IReadOnlyList<string> NoIndicator)> TabThroughAsync(IPage page, int max = 100)
    {
        var reached = new List<string>();
        var noIndicator = new List<string>();
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<JsonElement>(
                "() => { const el = document.activeElement; if (!el || el === document.body) return null;"
                + " const style = getComputedStyle(el);"
                + $" return {{ name: ({DescribeScript})(el), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 }}; }}");
            if (focused.ValueKind == JsonValueKind.Null)
            {
                continue; // Focus is in the browser's own controls; the next Tab comes back to the page.
            }

            var name = focused.GetProperty("name").GetString()!;
            if (reached.Contains(name))
            {
                break;
            }

            reached.Add(name);
            if (!focused.GetProperty("outline").GetBoolean())
            {
                noIndicator.Add(name);
            }
        }

        return (reached, noIndicator);
    }

    /// <summary>How far the page is wider than the viewport (0: no horizontal scrolling).</summary>
    public static Task<int> HorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth");

    private static string? Value(JsonElement node, string property) =>
        node.TryGetProperty(property, out var holder) && holder.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
