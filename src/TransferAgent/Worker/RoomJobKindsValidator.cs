using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>At start-up, checks that the registered <see cref="IRoomJob"/>s have distinct, non-empty kinds.</summary>
internal sealed class RoomJobKindsValidator(IServiceScopeFactory scopes) : IValidateOptions<AgentWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentWorkerOptions options)
    {
        using var scope = scopes.CreateScope();
        var kinds = scope.ServiceProvider.GetServices<IRoomJob>().Select(j => j.Kind).ToList();
        var failures = new List<string>();
        if (kinds.Exists(string.IsNullOrWhiteSpace))
        {
            failures.Add("A registered IRoomJob has an empty Kind.");
        }

        foreach (var duplicate in kinds.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"{duplicate.Count()} registered IRoomJobs have Kind '{duplicate.Key}'; each kind needs exactly one job.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
