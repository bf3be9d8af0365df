using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.HasIndex(d => d.Code).IsUnique();
        builder.Property(d => d.Code).HasMaxLength(64);
        builder.HasOne<Staff>().WithMany().HasForeignKey(d => d.HeadStaffId).OnDelete(DeleteBehavior.SetNull);
    }
}
