using Enswitch.Client.Recording;
using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The wire carries only parameter names the Enswitch guide documents for the function (enswitch-api.md
/// section 2.2), checked by the emulator, which flags any other name in its journal.
/// </summary>
public class WireDocumentationTests
{
    private const string Create = "recording/groups/create";

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task EveryPropertySet_CreateAndValidateCreate_SendOnlyParametersTheGuideDocuments(EnswitchRequestMethod method)
    {
        // Every parameter, message included, is listed together only in the 4.2 guide (4.4 drops message).
        await using var h = await SdkHarness.StartAsync(o => o.RequestMethod = method, emulatorOptions: new EnswitchEmulatorOptions { Version = new(4, 2) });
        var request = new CreateRecordGroupRequest("Every property")
        {
            CustomerId = 1,
            Description = "all set",
            Email = "ops@example.com",
            ExpiryDays = 30,
            SavePercentage = 50,
            BeepIntervalSeconds = 15,
            Announcement = RecordingAnnouncement.InboundOutbound,
            OwnerId = 7,
            RecordInbound = true,
            RecordOutbound = false,
            Transcribe = true,
        };

        var created = await h.Groups.CreateAsync(request, cancellationToken: SdkHarness.Token);
        await h.Groups.ValidateCreateAsync(request, cancellationToken: SdkHarness.Token);

        var journal = h.Emulator.Journal;
        Assert.Equal(2, journal.Count);
        Assert.All(journal, r => Assert.Empty(r.UnknownParameters));
        Assert.All(journal, r => Assert.Null(r.Fault));
        Assert.All(journal, r => Assert.Equal(method == EnswitchRequestMethod.Get, r.HadQueryString));

        // Every property reached the wire under its documented name, in the guide's order.
        string[] documented = ["auth_username", "auth_password", "name", "customer", "description", "email", "expires", "fraction", "beep", "message", "owner", "record_in", "record_out", "transcribe"];
        string[] validateOnly = [.. documented[..^1], "validation", "transcribe"];
        Assert.Equal(documented, journal[0].Parameters.Select(p => p.Key));
        Assert.Equal(validateOnly, journal[1].Parameters.Select(p => p.Key));
        Assert.Equal("1", journal[1]["validation"]);

        // The emulator understood each one: the stored group carries every value, and validation stored nothing.
        var group = Assert.Single(h.Emulator.RecordGroups);
        Assert.Equal(created.Id, group.Id);
        Assert.Equal(
            new EmulatedRecordGroup(created.Id, 1, "Every property", "all set", "ops@example.com", 30, 50, 15, "inbound_outbound", 7, true, false, true),
            group);
    }

    [Theory]
    [InlineData(4, 1, true)]
    [InlineData(4, 2, false)]
    public async Task Transcribe_IsFlaggedUnknown_OnlyByAnEmulatorOlderThan42(int major, int minor, bool flagged)
    {
        await using var h = await SdkHarness.StartAsync(emulatorOptions: new EnswitchEmulatorOptions { Version = new(major, minor) });

        var result = await h.Groups.CreateAsync(new CreateRecordGroupRequest("Transcribed") { Transcribe = true }, cancellationToken: SdkHarness.Token);
        await h.Groups.CreateAsync(new CreateRecordGroupRequest("Not transcribed"), cancellationToken: SdkHarness.Token);

        var requests = h.Emulator.RequestsTo(Create);
        Assert.Equal(2, requests.Count);
        Assert.Equal("1", requests[0]["transcribe"]);
        string[] unknown = flagged ? ["transcribe"] : [];
        Assert.Equal(unknown, requests[0].UnknownParameters);
        Assert.Empty(requests[1].UnknownParameters);

        // A server that does not know the parameter ignores it, as the guide's older versions would.
        var group = Assert.Single(h.Emulator.RecordGroups, g => g.Id == result.Id);
        Assert.Equal(!flagged, group.Transcribe);
    }

    [Fact]
    public async Task Announcement_OnA44Server_IsFlaggedByTheEmulator_AndRefusedBeforeSendingWhenServerVersionSaysSo()
    {
        await using var h = await SdkHarness.StartAsync();
        var request = new CreateRecordGroupRequest("Announced") { Announcement = RecordingAnnouncement.All };

        await h.Groups.CreateAsync(request, cancellationToken: SdkHarness.Token);
        Assert.Equal(["message"], Assert.Single(h.Emulator.RequestsTo(Create)).UnknownParameters);

        await using var pinned = await SdkHarness.StartAsync(o => o.ServerVersion = new(4, 4));
        var refused = await Assert.ThrowsAsync<EnswitchFeatureNotSupportedException>(() => pinned.Groups.CreateAsync(request, cancellationToken: SdkHarness.Token));
        Assert.Equal(new Version(4, 4), refused.ServerVersion);
        Assert.Empty(pinned.Emulator.Journal);
    }
}
