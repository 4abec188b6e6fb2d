namespace WarmTransfer.ControlApi.Web;

/// <summary>
/// Where the pages and the LiveKit browser client come from (section <c>Web</c>). Unset, both are found by walking
/// up from the content root to the repository (the folder with <c>WarmTransfer.sln</c>): <c>web/</c> and
/// <c>node_modules/livekit-client/dist/</c>. The container image sets both explicitly.
/// </summary>
internal sealed class WebOptions
{
    public const string Section = "Web";

    public const string LiveKitClientFile = "livekit-client.umd.js";

    /// <summary>Folder of the static pages, served at <c>/</c>.</summary>
    public string? Root { get; set; }

    /// <summary>Folder holding <c>livekit-client.umd.js</c>, served at <c>/vendor/livekit-client.umd.js</c>.</summary>
    public string? VendorRoot { get; set; }
}
