using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class FeedbackItemConfiguration : IEntityTypeConfiguration<FeedbackItem>
{
    public void Configure(EntityTypeBuilder<FeedbackItem> builder)
    {
        builder.ToTable("feedback_items");
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Text).HasMaxLength(4000);
        builder.Property(f => f.Resolution).HasMaxLength(4000);
        builder.HasIndex(f => f.CreatedAt);
        builder.HasIndex(f => new { f.DepartmentId, f.CreatedAt });
        builder.HasOne<Client>().WithMany().HasForeignKey(f => f.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Department>().WithMany().HasForeignKey(f => f.DepartmentId).OnDelete(DeleteBehavior.SetNull);
    }
}
