using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Enswitch.Client.Recording;
using RichardSzalay.MockHttp;

namespace Enswitch.Client.Tests;

public class SmokeTests
{
    [Fact]
    public async Task CreateReturnsId()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("http://enswitch.example.com/api/json/recording/groups/create/")
            .Respond("application/json", """{ "responses":[{"code":"200","key":"","message":"OK"}], "data":{"id":123} }""");
        var client = new RecordGroupsClient(mock.ToHttpClient(), new EnswitchClientOptions { BaseAddress = new("http://enswitch.example.com/"), AllowInsecureHttp = true, Username = "user", Password = "password" });
        var result = await client.CreateAsync(new CreateRecordGroupRequest("example"), TestContext.Current.CancellationToken);
        Assert.Equal(123, result.Id);
    }
}

public class SmokeDiTests
{
    [Fact]
    public async Task GetViaDi()
    {
        var mock = new MockHttpMessageHandler();
        string? seen = null;
        mock.When("*").Respond(req => { seen = req.RequestUri!.AbsoluteUri; return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{ "responses":[{"code":"200","key":"","message":"OK"}], "data":{"id":123} }""") }; });
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddEnswitchClient(o => { o.BaseAddress = new("http://enswitch.example.com/"); o.AllowInsecureHttp = true; o.Username = "user"; o.Password = "password"; o.RequestMethod = EnswitchRequestMethod.Get; })
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        using var sp = services.BuildServiceProvider();
        var client = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IRecordGroupsClient>(sp);
        var result = await client.CreateAsync(new CreateRecordGroupRequest("example"), TestContext.Current.CancellationToken);
        Assert.Equal(123, result.Id);
        Assert.Equal("http://enswitch.example.com/api/json/recording/groups/create/?auth_username=user;auth_password=password;name=example", seen);
    }
}
