using WarmTransfer.ControlApi.Transfers;

namespace WarmTransfer.ControlApi.Tests.Hosting;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void TransferOptions_ZeroAgentJoinTimeout_FailsNamingTheSetting()
    {
        var result = new TransferOptionsValidator().Validate(null, new TransferOptions { AgentJoinTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Equal("Transfers:AgentJoinTimeout must be between 00:00:01 and 01:00:00 (it is 00:00:00).", result.FailureMessage);
    }

    [Fact]
    public void TransferOptions_Defaults_AreValid()
    {
        Assert.True(new TransferOptionsValidator().Validate(null, new TransferOptions()).Succeeded);
        Assert.True(new WarmTransfer.ControlApi.Hosting.RateLimitOptionsValidator().Validate(null, new WarmTransfer.ControlApi.Hosting.RateLimitOptions()).Succeeded);
        Assert.True(new WarmTransfer.ControlApi.Tokens.TokenOptionsValidator().Validate(null, new WarmTransfer.ControlApi.Tokens.TokenOptions()).Succeeded);
    }

    [Fact]
    public void ApiOptions_BodyLimitTooSmall_FailsNamingTheSetting()
    {
        var result = new WarmTransfer.ControlApi.Hosting.ApiOptionsValidator().Validate(null, new WarmTransfer.ControlApi.Hosting.ApiOptions { MaxRequestBodyBytes = 10 });

        Assert.Equal("Api:MaxRequestBodyBytes must be between 1024 and 16777216 (it is 10).", result.FailureMessage);
    }
}
