using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class RoutingPolicyVersionConfiguration : IEntityTypeConfiguration<RoutingPolicyVersion>
{
    public void Configure(EntityTypeBuilder<RoutingPolicyVersion> builder)
    {
        builder.ToTable("routing_policy_versions");
        builder.HasKey(v => v.Version);
        // The version is chosen by the writer (newest + 1): the primary key makes two concurrent saves of one version fail.
        builder.Property(v => v.Version).ValueGeneratedNever();
        builder.Property(v => v.Document).HasColumnType("jsonb");
        builder.Property(v => v.Comment).HasMaxLength(1000);
    }
}
