using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class StaffConfiguration : IEntityTypeConfiguration<Staff>
{
    public void Configure(EntityTypeBuilder<Staff> builder)
    {
        builder.HasIndex(s => s.Extension).IsUnique();
        builder.Property(s => s.Extension).HasMaxLength(32);
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasOne(s => s.Department).WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Staff>().WithMany().HasForeignKey(s => s.SubstituteStaffId).OnDelete(DeleteBehavior.SetNull);
    }
}
