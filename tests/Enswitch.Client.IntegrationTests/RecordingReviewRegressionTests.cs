using System.Buffers;
using System.Text;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Enswitch.Client.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>Regressions found in review of the recording category: each test states the behaviour the SDK must keep.</summary>
public class RecordingReviewRegressionTests
{
    private const string Get = "recording/recordings/get";
    private const string Login = "user/login";
    private const string Create = "recording/groups/create";
    private const string Start = "recording/recordings/start";

    private static string GetAnswer(string audioJsonText) =>
        $$$"""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"uniqueid":"1600000000.1","recordid":"1","recordgroup":1,"mimetype":"audio/wav","data":"{{{audioJsonText}}}"}}""";

    // P1: JSON allows any character of a string to be escaped. Perl's MIME::Base64::encode_base64 breaks
    // lines every 76 characters by default (a JSON encoder then writes "\n"); System.Text.Json's default
    // encoder writes '+' as "\u002B"; PHP and some Perl settings write '/' as "\/".
    [Theory]
    [InlineData("newline")]
    [InlineData("unicode")]
    [InlineData("slash")]
    public async Task P1_WrappedAudio_WithLegalJsonEscapes_DecodesToTheOriginalBytes(string style)
    {
        await using var h = await SdkHarness.StartAsync();
        var audio = new byte[3 * 1024];
        new Random(42).NextBytes(audio);
        var base64 = Convert.ToBase64String(audio);
        var text = style switch
        {
            "newline" => string.Concat(base64.Chunk(76).Select(line => new string(line) + "\\n")),
            "unicode" => base64.Replace("+", "\\u002B", StringComparison.Ordinal),
            _ => base64.Replace("/", "\\/", StringComparison.Ordinal),
        };
        h.Emulator.InjectFault(Get, EmulatorFault.Envelope(GetAnswer(text)));
        var recordings = h.Services.GetRequiredService<IRecordingsClient>();

        await using var download = await recordings.GetAsync(new GetRecordingRequest(1, "1600000000.1", "1"), cancellationToken: SdkHarness.Token);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy, SdkHarness.Token);

        Assert.Equal(audio, copy.ToArray());
    }

    // P2a: reading Content after the download was disposed must fail, not decode from returned buffers.
    [Fact]
    public async Task P2a_ContentReadAfterDispose_ThrowsObjectDisposed()
    {
        await using var h = await SdkHarness.StartAsync();
        var group = h.Emulator.AddRecordGroup("g");
        var start = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000);
        h.Emulator.AddRecording(new EmulatedRecording(group.Id, "1600000000.1", "1", start, start.AddSeconds(30), 30, "1", "2", "3", true, "audio/wav", start.AddDays(1), new byte[4096]));
        var recordings = h.Services.GetRequiredService<IRecordingsClient>();

        var download = await recordings.GetAsync(new GetRecordingRequest(group.Id, "1600000000.1", "1"), cancellationToken: SdkHarness.Token);
        download.Dispose();

        Assert.Throws<ObjectDisposedException>(() => download.Content.Read(new byte[16], 0, 16));
    }

    // P2b: the same at the seam: after Dispose the pool's next renter owns the buffer (here filled with 'A's,
    // which would decode to zeros); the stream must refuse to read rather than hand out those bytes.
    [Fact]
    public void P2b_DisposedDownload_DecodesBuffersAlreadyReturnedToThePool()
    {
        var audio = Enumerable.Repeat((byte)0xFF, 3000).ToArray();
        var json = Encoding.ASCII.GetBytes(Convert.ToBase64String(audio));
        using var content = new ByteArrayContent(json);
        // Synchronous on purpose: the pool's per-thread cache hands the returned array to the next Rent on this thread.
#pragma warning disable xUnit1031
        var body = ResponseBody.ReadAsync(content, 1 << 20, CancellationToken.None).AsTask().GetAwaiter().GetResult();
#pragma warning restore xUnit1031
        var owner = body.Detach();
        var download = new RecordingDownload(new Base64SequenceStream(owner.Sequence, Get), null, null, null, owner);

        download.Dispose();
        var reused = ArrayPool<byte>.Shared.Rent(json.Length + 1);
        reused.AsSpan().Fill((byte)'A');
        Assert.Throws<ObjectDisposedException>(() => download.Content.Read(new byte[100], 0, 100));
        ArrayPool<byte>.Shared.Return(reused);
    }

    // P3a: a login that hangs is not shared: each waiter runs its own login after the one before it timed
    // out, so the last caller waits callers x TotalTimeout, and the server sees one login per caller.
    // On a fake clock: once every caller is waiting for the one hung login, the clock moves by TotalTimeout
    // once, and every caller must then have finished, at no later fake time than TotalTimeout after the start.
    [Fact]
    public async Task P3a_HangingLogin_FiveCallers_OneLogin_AndNoCallerWaitsMuchLongerThanTotalTimeout()
    {
        const int Callers = 5;
        var totalTimeout = TimeSpan.FromSeconds(1);
        await using var h = await SdkHarness.StartAsync(
            o =>
            {
                o.Authentication = EnswitchAuthenticationMode.Token;
                o.AttemptTimeout = totalTimeout;
                o.TotalTimeout = totalTimeout;
                o.MaxRetries = 0;
            },
            fakeTime: true);
        var clock = h.Time!;
        h.Emulator.InjectFault(Login, EmulatorFault.Hang, count: 100);
        var started = clock.GetUtcNow();

        // Each call runs on this thread up to its first wait, which is the wait for the shared login, so once
        // the loop is done every caller is waiting for it; the login is at the server (its timeouts armed, on
        // the fake clock) once the emulator has journaled it. Only then does the clock move.
        async Task<TimeSpan> CallAsync(int i)
        {
            await Assert.ThrowsAnyAsync<EnswitchException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest($"g{i}"), cancellationToken: SdkHarness.Token));
            return clock.GetUtcNow() - started;
        }

        var calls = Enumerable.Range(0, Callers).Select(CallAsync).ToArray();
        await h.Emulator.WaitForRequestAsync(Login, cancellationToken: SdkHarness.Token);
        clock.Advance(totalTimeout);

        // Each caller's wait for the shared login is charged to its own TotalTimeout, so this one Advance ends
        // every caller (and the login); the wall-clock guard below only stops a hang.
        var finished = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(2), SdkHarness.Token);

        TestContext.Current.TestOutputHelper?.WriteLine($"logins {h.Emulator.RequestsTo(Login).Count}; slowest caller {finished.Max().TotalSeconds:0.0} s of fake time");
        Assert.Single(h.Emulator.RequestsTo(Login));
        Assert.All(finished, elapsed => Assert.True(elapsed <= totalTimeout, $"a caller finished {elapsed.TotalSeconds:0.0} s of fake time after the start, with TotalTimeout 1 s"));
    }

    // P3b: wrong password, ten concurrent callers waiting for the same login: one password attempt, and its
    // refusal shared by all (not ten attempts in a burst, which invites account lock-out). The login is held
    // on the emulator's fake clock until every caller is waiting for it, then released; callers that come
    // after a failed login try again, by design.
    [Fact]
    public async Task P3b_RejectedLogin_TenConcurrentCallers_OneLoginAttempt()
    {
        const int Callers = 10;
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var hold = TimeSpan.FromSeconds(3);
        await using var h = await SdkHarness.StartAsync(o => o.Authentication = EnswitchAuthenticationMode.Token, emulatorOptions: new EnswitchEmulatorOptions { TimeProvider = serverClock });
        h.Emulator.AddUser(EnswitchEmulator.DefaultUsername, "changed-password", EnswitchRoles.All);
        h.Emulator.InjectFault(Login, EmulatorFault.Delay(hold));

        var calls = Enumerable.Range(0, Callers).Select(i => Assert.ThrowsAsync<AuthenticationException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest($"g{i}"), cancellationToken: SdkHarness.Token))).ToArray();

        // Each call runs on this thread up to its first wait, the wait for the shared login, so every caller is
        // waiting for it once the array is built; the login is held at the server once journaled: release it.
        await h.Emulator.WaitForRequestAsync(Login, cancellationToken: SdkHarness.Token);
        serverClock.Advance(hold);
        await Task.WhenAll(calls);

        Assert.Single(h.Emulator.RequestsTo(Login)); // fails: 10
    }

    // P4: a token whose lifetime is shorter than TokenRefreshMargin is never reused: every call logs in,
    // so the password goes out on every call and concurrent calls queue behind each other's logins.
    [Fact]
    public async Task P4_TokenLifetimeShorterThanMargin_IsStillReused()
    {
        var emulatorOptions = new EnswitchEmulatorOptions { TokenLifetime = TimeSpan.FromSeconds(20) };
        await using var h = await SdkHarness.StartAsync(o => o.Authentication = EnswitchAuthenticationMode.Token, emulatorOptions: emulatorOptions);

        for (var i = 0; i < 5; i++)
        {
            await h.Groups.CreateAsync(new CreateRecordGroupRequest($"g{i}"), cancellationToken: SdkHarness.Token);
        }

        Assert.Single(h.Emulator.RequestsTo(Login)); // fails: 5 (TokenRefreshMargin 30 s > lifetime 20 s)
    }

    // P5: the guide does not say what Content-Type a bare file (wrap=none) has; Perl CGI's default header is
    // "text/html; charset=ISO-8859-1". The SDK then reads the file as an envelope and throws.
    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/html; charset=ISO-8859-1")]
    public async Task P5_BareFile_WithATextualContentType_IsStillStreamed(string contentType)
    {
        await using var h = await SdkHarness.StartAsync();
        const string file = "RIFF$\0\0\0WAVEfmt \u0010\0\0\0\u0001\0\u0001\0@\u001f\0\0";
        h.Emulator.InjectFault(Get, EmulatorFault.Raw(200, file, contentType));
        var recordings = h.Services.GetRequiredService<IRecordingsClient>();

        await using var download = await recordings.GetAsync(new GetRecordingRequest(1, "1600000000.1", "1") { Wrap = RecordingWrap.None }, cancellationToken: SdkHarness.Token);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy, SdkHarness.Token);

        Assert.Equal(Encoding.UTF8.GetBytes(file), copy.ToArray());
    }

    // P5b: the other direction: an error envelope served with a non-JSON media type (older CGI stacks use
    // application/javascript or application/octet-stream) is handed to the caller as the audio, as a success.
    [Theory]
    [InlineData("application/javascript")]
    [InlineData("application/octet-stream")]
    public async Task P5b_BareFileRequest_AnsweredWithAnErrorEnvelope_ThrowsNotFound_WhateverTheContentType(string contentType)
    {
        await using var h = await SdkHarness.StartAsync();
        h.Emulator.InjectFault(Get, EmulatorFault.Raw(200, """{"responses":[{"code":"404","key":"uniqueid","message":"No such recording"}]}""", contentType));
        var recordings = h.Services.GetRequiredService<IRecordingsClient>();

        await Assert.ThrowsAsync<NotFoundException>(async () =>
        {
            await using var download = await recordings.GetAsync(new GetRecordingRequest(1, "1600000000.1", "1") { Wrap = RecordingWrap.None }, cancellationToken: SdkHarness.Token);
        });
    }

    // P6: ServerVersion gating does not apply to CallAsync, so the raw call sends what the typed one refuses.
    [Fact]
    public async Task P6_CallAsync_RefusesAFunctionOrParameterNewerThanServerVersion_LikeTheTypedMethods()
    {
        await using var h = await SdkHarness.StartAsync(o => o.ServerVersion = new Version(3, 14), emulatorOptions: new EnswitchEmulatorOptions { Version = new Version(3, 14) });
        var client = h.Services.GetRequiredService<IEnswitchClient>();

        await Assert.ThrowsAsync<EnswitchFeatureNotSupportedException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("typed") { BeepIntervalSeconds = 5 }, cancellationToken: SdkHarness.Token));
        await Assert.ThrowsAsync<EnswitchFeatureNotSupportedException>(() => client.Recordings.StartAsync(new StartRecordingRequest("1.1"), cancellationToken: SdkHarness.Token));

        await Assert.ThrowsAsync<EnswitchFeatureNotSupportedException>(() => client.CallAsync(Start, [new("uniqueid", "1.1")], cancellationToken: SdkHarness.Token));
        await Assert.ThrowsAsync<EnswitchFeatureNotSupportedException>(() => client.CallAsync(Create, [new("name", "raw"), new("beep", "5")], cancellationToken: SdkHarness.Token));
        Assert.Empty(h.Emulator.Journal);
    }

    [Fact]
    public async Task EmptyGroupUpdate_ThrowsArgumentException_BeforeSending()
    {
        // With nothing set the update would only apply the documented update defaults (beep and transcribe 0).
        await using var h = await SdkHarness.StartAsync();
        var group = h.Emulator.AddRecordGroup("g");

        await Assert.ThrowsAsync<ArgumentException>(() => h.Groups.UpdateAsync(new UpdateRecordGroupRequest(group.Id), cancellationToken: SdkHarness.Token));
        Assert.Empty(h.Emulator.Journal);
    }

    [Fact]
    public async Task Sha1WithABareFile_ThrowsArgumentException_BeforeSending()
    {
        await using var h = await SdkHarness.StartAsync();
        var recordings = h.Services.GetRequiredService<IRecordingsClient>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => recordings.GetAsync(new GetRecordingRequest(1, "1.1", "1") { Wrap = RecordingWrap.None, IncludeSha1 = true }, cancellationToken: SdkHarness.Token));
        Assert.Equal("IncludeSha1", error.ParamName);
        Assert.Empty(h.Emulator.Journal);
    }

    [Fact]
    public async Task TokenLoginAnsweredWithTwoStepCode202_SaysTokenModeNeedsAUserWithoutTotp()
    {
        await using var h = await SdkHarness.StartAsync(o => o.Authentication = EnswitchAuthenticationMode.Token);
        h.Emulator.InjectFault(Login, EmulatorFault.Envelope("""{"responses":[{"code":"202","key":"","message":"TOTP code required"}],"data":{"totp_required":true,"totp_token":"t","username":"admin"}}"""));

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("g"), cancellationToken: SdkHarness.Token));
        Assert.Contains("TOTP", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.RequestsTo(Create));
    }
}
