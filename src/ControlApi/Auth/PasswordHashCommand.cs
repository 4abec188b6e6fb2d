namespace WarmTransfer.ControlApi.Auth;

/// <summary>
/// <c>ControlApi hash-password</c>: reads a password from standard input (first line) and prints its hash for
/// <c>Auth:Agents:N:PasswordHash</c>. Runs without starting the host.
/// </summary>
internal static class PasswordHashCommand
{
    public const string Name = "hash-password";

    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("hash-password: give the password on standard input, e.g. echo -n 'secret' | ControlApi hash-password");
            return 2;
        }

        output.WriteLine(PasswordHash.Create(password));
        return 0;
    }
}
