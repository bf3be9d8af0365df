using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> builder)
    {
        builder.Property(r => r.Condition).HasColumnType("jsonb");
        builder.Property(r => r.Targets).HasColumnType("jsonb");
        builder.HasIndex(r => new { r.Version, r.Priority });
    }
}
