using Microsoft.Extensions.Options;

namespace ContactCenter.PhoneNumbers.Tests;

/// <summary>The default dial plan against toll fraud (issue #16), with libphonenumber's metadata for +7.</summary>
public sealed class DialPlanTests
{
    [Theory]
    [InlineData("+74951000001", DialPlanCategory.Fixed)] // Moscow
    [InlineData("+78123456789", DialPlanCategory.Fixed)] // St Petersburg
    [InlineData("+79161234567", DialPlanCategory.Mobile)]
    [InlineData("+78001234567", DialPlanCategory.TollFree)]
    public void Default_NationalFixedMobileAndTollFree_Allowed(string number, DialPlanCategory category)
    {
        var verdict = Plan().Check(number);

        Assert.True(verdict.IsAllowed, verdict.Reason);
        Assert.Equal(category, verdict.Category);
    }

    [Theory]
    [InlineData("+78091234567", DialPlanCategory.Premium)] // +7 809: premium rate
    [InlineData("+77012345678", DialPlanCategory.International)] // +7 701: Kazakh mobile, same country code
    [InlineData("+77172123456", DialPlanCategory.International)] // +7 7172: Astana
    [InlineData("+442079460000", DialPlanCategory.International)]
    [InlineData("+7495100", DialPlanCategory.Invalid)]
    public void Default_PremiumInternationalAndInvalid_RefusedSayingWhy(string number, DialPlanCategory category)
    {
        var verdict = Plan().Check(number);

        Assert.False(verdict.IsAllowed);
        Assert.Equal(category, verdict.Category);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
    }

    [Fact]
    public void AllowedPrefix_OpensOneForeignRange_OnlyThatOne()
    {
        var plan = Plan(new DialPlanOptions { AllowedPrefixes = ["+44"] });

        Assert.True(plan.Check("+442079460000").IsAllowed);
        Assert.False(plan.Check("+33142685300").IsAllowed);
    }

    [Fact]
    public void DeniedPrefix_WinsOverAnAllowedCategory()
    {
        var plan = Plan(new DialPlanOptions { DeniedPrefixes = ["+7495100"] });

        Assert.False(plan.Check("+74951000001").IsAllowed);
        Assert.True(plan.Check("+74952000001").IsAllowed);
    }

    [Fact]
    public void InternationalCategoryAllowed_ByAnAdmin_ForeignNumbersPass()
    {
        var plan = Plan(new DialPlanOptions { AllowedCategories = [DialPlanCategory.Fixed, DialPlanCategory.Mobile, DialPlanCategory.International] });

        Assert.True(plan.Check("+77012345678").IsAllowed);
        Assert.False(plan.Check("+78091234567").IsAllowed);
    }

    private static DialPlan Plan(DialPlanOptions? options = null) => new(new StaticMonitor(options ?? new DialPlanOptions()));

    private sealed class StaticMonitor(DialPlanOptions value) : IOptionsMonitor<DialPlanOptions>
    {
        public DialPlanOptions CurrentValue => value;

        public DialPlanOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<DialPlanOptions, string?> listener) => null;
    }
}
