using Enswitch.Client.Recording;
using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

public class RecordGroupsEndToEndTests
{
    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task CreateStoresTheGroupWithEveryParameterAndServerDefaults(EnswitchRequestMethod method)
    {
        await using var h = await SdkHarness.StartAsync(o => o.RequestMethod = method);

        var result = await h.Groups.CreateAsync(new CreateRecordGroupRequest("Support line") { Description = "d; & = + %", SavePercentage = 0, Transcribe = true }, cancellationToken: SdkHarness.Token);

        var group = Assert.Single(h.Emulator.RecordGroups);
        Assert.Equal(result.Id, group.Id);
        Assert.Equal("Support line", group.Name);
        Assert.Equal("d; & = + %", group.Description);
        Assert.Equal(0, group.SavePercentage);
        Assert.True(group.Transcribe);
        Assert.Equal(365, group.ExpiryDays);
        Assert.True(group.RecordInbound);
        var request = Assert.Single(h.Emulator.Journal);
        Assert.Empty(request.UnknownParameters);
        Assert.Equal(method == EnswitchRequestMethod.Get, request.HadQueryString);
    }

    [Fact]
    public async Task T6_CreateReadThenConnectionClosed_IsNotRetried_OutcomeUnknown()
    {
        await using var h = await SdkHarness.StartAsync();
        h.Emulator.InjectFault("recording/groups/create", EmulatorFault.CloseAfterRequest, count: 5);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: SdkHarness.Token));

        Assert.True(error.OutcomeUnknown);
        Assert.True(error.RequestSent);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Emulator.RequestsTo("recording/groups/create"));
    }

    [Fact]
    public async Task T8_CreateServerNeverAnswers_AttemptTimeout_NotRetried_OutcomeUnknown()
    {
        await using var h = await SdkHarness.StartAsync(o => o.AttemptTimeout = TimeSpan.FromSeconds(10), fakeTime: true);
        h.Emulator.InjectFault("recording/groups/create", EmulatorFault.Hang, count: 5);

        var call = h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: SdkHarness.Token);
        await h.Emulator.WaitForRequestAsync("recording/groups/create", cancellationToken: SdkHarness.Token);
        Assert.False(call.IsCompleted); // it is the attempt timeout, not something else, that ends the call
        h.Time!.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => call);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Emulator.RequestsTo("recording/groups/create"));
    }
}
