using WarmTransfer.ControlApi.Auth;

namespace WarmTransfer.ControlApi.Tests.Auth;

public sealed class PasswordHashTests
{
    [Fact]
    public void Create_ThenVerify_AcceptsOnlyTheSamePassword()
    {
        var hash = PasswordHash.Create("s3cret!", iterations: 1_000);

        Assert.StartsWith("pbkdf2-sha256$1000$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("s3cret!", hash));
        Assert.False(PasswordHash.Verify("s3cret", hash));
        Assert.NotEqual(hash, PasswordHash.Create("s3cret!", iterations: 1_000));
    }

    [Fact]
    public void Verify_PublishedPbkdf2Sha256Vector_Matches()
    {
        // The RFC 6070 inputs run through PBKDF2-HMAC-SHA256 (4096 iterations, 40 bytes), as published for SHA-256.
        var salt = Convert.ToBase64String("saltSALTsaltSALTsaltSALTsaltSALTsalt"u8);
        var expected = Convert.ToBase64String(Convert.FromHexString("348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"));

        Assert.True(PasswordHash.Verify("passwordPASSWORDpassword", $"pbkdf2-sha256$4096${salt}${expected}"));
        Assert.False(PasswordHash.Verify("passwordPASSWORDpassworD", $"pbkdf2-sha256$4096${salt}${expected}"));
    }

    [Theory]
    [InlineData("plaintext")]
    [InlineData("pbkdf2-sha256$abc$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha256$1000$not base64$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("bcrypt$10$xyz")]
    public void IsWellFormed_Garbage_IsRejected(string encoded)
    {
        Assert.False(PasswordHash.IsWellFormed(encoded, out var error));
        Assert.Contains("hash-password", error, StringComparison.Ordinal);
        Assert.False(PasswordHash.Verify("anything", encoded));
    }

    [Fact]
    public void HashPasswordCommand_ReadsStdinWritesAVerifiableHash()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = PasswordHashCommand.Run(new StringReader("hunter2\n"), output, error);

        Assert.Equal(0, code);
        Assert.True(PasswordHash.Verify("hunter2", output.ToString().Trim()));
        Assert.Equal(2, PasswordHashCommand.Run(new StringReader(string.Empty), output, error));
    }
}
