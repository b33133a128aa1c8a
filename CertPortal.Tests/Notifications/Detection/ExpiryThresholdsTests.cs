using CertPortal.Features.Notifications.Detection;

namespace CertPortal.Tests.Notifications.Detection;

public sealed class ExpiryThresholdsTests
{
    private static readonly IReadOnlyList<int> Default = ExpiryThresholds.Normalize([30, 14, 7, 1]);

    [Theory]
    [InlineData(31.0, new int[0])]
    [InlineData(30.0, new[] { 30 })]
    [InlineData(29.9, new[] { 30 })]
    [InlineData(13.5, new[] { 14, 30 })]
    [InlineData(0.5, new[] { 1, 7, 14, 30 })]
    [InlineData(0.0, new int[0])]
    [InlineData(-2.0, new int[0])]
    public void The_thresholds_passed_come_most_urgent_first(double daysLeft, int[] expected) =>
        Assert.Equal(expected, ExpiryThresholds.Passed(Default, TimeSpan.FromDays(daysLeft)));

    [Fact]
    public void Rules_are_read_as_distinct_positive_days_most_urgent_first() =>
        Assert.Equal([1, 7, 30], ExpiryThresholds.Normalize([30, 0, 7, -3, 30, 1]));
}
