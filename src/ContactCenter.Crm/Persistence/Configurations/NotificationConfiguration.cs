using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.Kind).HasMaxLength(32);
        builder.Property(n => n.SubjectType).HasMaxLength(32);
        builder.Property(n => n.Text).HasMaxLength(2000);
        // A user's list: personal ones and their departments', newest first.
        builder.HasIndex(n => new { n.StaffId, n.CreatedAt });
        builder.HasIndex(n => new { n.DepartmentId, n.CreatedAt });
        builder.HasIndex(n => new { n.SubjectType, n.SubjectId });
        builder.HasOne<Staff>().WithMany().HasForeignKey(n => n.StaffId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Department>().WithMany().HasForeignKey(n => n.DepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
