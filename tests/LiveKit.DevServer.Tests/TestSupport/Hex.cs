namespace LiveKit.DevServer.Tests.TestSupport;

/// <summary>Turns RFC-style hex dumps (spaces, newlines, tabs allowed) into bytes.</summary>
internal static class Hex
{
    public static byte[] Bytes(string dump)
    {
        var compact = new System.Text.StringBuilder(dump.Length);
        foreach (char c in dump)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact.Append(c);
            }
        }

        return Convert.FromHexString(compact.ToString());
    }
}
