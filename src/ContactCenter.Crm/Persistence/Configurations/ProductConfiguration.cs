using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.Property(p => p.Sku).HasMaxLength(64);
        builder.Property(p => p.Unit).HasMaxLength(16);
        builder.HasMany(p => p.TraditionalFor).WithMany().UsingEntity("product_traditional_types");
        builder.HasMany(p => p.Certificates).WithOne().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
