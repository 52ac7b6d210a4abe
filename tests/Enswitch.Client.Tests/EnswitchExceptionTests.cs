using System.Reflection;
using System.Runtime.CompilerServices;

namespace Enswitch.Client.Tests;

/// <summary>The SDK's exceptions are complete when raised and never change afterwards.</summary>
public class EnswitchExceptionTests
{
    public static TheoryData<Type> ExceptionTypes() =>
        [.. typeof(EnswitchException).Assembly.GetTypes().Where(t => typeof(EnswitchException).IsAssignableFrom(t))];

    [Theory]
    [MemberData(nameof(ExceptionTypes))]
    public void HasNoWayToChangeAPropertyAfterConstruction(Type type)
    {
        const BindingFlags Everything = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var t = type; t != typeof(Exception); t = t.BaseType!)
        {
            foreach (var property in t.GetProperties(Everything))
            {
                var setter = property.SetMethod;
                Assert.True(
                    // By name: the netstandard2.0 build carries its own copy of the marker type.
                    setter is null || setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == typeof(IsExternalInit).FullName),
                    $"{t.Name}.{property.Name} can be set after construction");
            }

            foreach (var field in t.GetFields(Everything))
            {
                Assert.True(field.IsInitOnly, $"{t.Name}.{field.Name} is a field that can change after construction");
            }
        }
    }

    [Fact]
    public void ReportsARequestAsMaybeSentUnlessTheSdkCanProveOtherwise()
    {
        Assert.True(new EnswitchException().RequestSent);
        Assert.True(new EnswitchTransportException().RequestSent);
        Assert.True(new AuthenticationException().RequestSent);
        Assert.False(new EnswitchTransportException { RequestSent = false }.RequestSent);
    }
}
