"""``site.yml``: the agency, the site's display settings and its form editor."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Model
from .scalars import SiteUrl, Text, Url


class Organization(Model):
    """The agency: its name, place, contacts, website and logo (``site.yml``)."""

    name: Text = Field(description="ชื่อหน่วยงาน", examples=["เทศบาลตำบลวังไผ่"])
    district: str | None = Field(None, description="อำเภอ", examples=["เมืองชุมพร"])
    province: str | None = Field(None, description="จังหวัด", examples=["ชุมพร"])
    website: Url | None = Field(
        None, description="เว็บไซต์หลักของหน่วยงาน", examples=["https://www.wangphai.go.th"]
    )
    address: str | None = Field(None, description="ที่อยู่")
    phone: str | None = Field(None, description="โทรศัพท์", examples=["0-7750-1234"])
    email: str | None = Field(None, description="อีเมล", examples=["saraban@wangphai.go.th"])
    logo: str | None = Field(None, description="ไฟล์ตราสัญลักษณ์", examples=["files/logo.png"])


class Display(Model):
    """How the site shows numbers (Arabic or Thai digits)."""

    numerals: Literal["arabic", "thai"] = Field(
        "arabic", description="ตัวเลขที่แสดงบนเว็บไซต์: arabic (1 2 3) หรือ thai (๑ ๒ ๓)"
    )


class EditorSettings(Model):
    """The form editor of the published site (``/admin/``): the repository it saves to,
    every save a pull or merge request that CI checks."""

    backend: Literal["github", "gitlab"] = Field(
        description="ที่เก็บเนื้อหา: github หรือ gitlab", examples=["gitlab"]
    )
    repo: str = Field(
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$",
        description="ที่เก็บ (เจ้าของ/ชื่อ)",
        examples=["tambon-wangphai/ita"],
    )
    branch: str = Field(
        "main",
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$",
        description="กิ่งที่เว็บไซต์สร้างจาก",
        examples=["main"],
    )
    folder: str = Field(
        "content",
        pattern=r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$",
        description="โฟลเดอร์เนื้อหาในที่เก็บ",
        examples=["content"],
    )
    app_id: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="GitLab: Application ID ของแอปพลิเคชัน OAuth ที่สร้างไว้ (ลงชื่อเข้าใช้ในเบราว์เซอร์แบบ PKCE)",
    )
    api_root: Url | None = Field(
        None,
        description="GitLab ของหน่วยงานเอง: ที่อยู่ API",
        examples=["https://gitlab.example.go.th/api/v4"],
    )
    base_url: Url | None = Field(
        None,
        description="ที่อยู่ของบริการลงชื่อเข้าใช้ (OAuth) เช่น GitLab ของหน่วยงานเอง "
        "หรือบริการ OAuth ที่ GitHub ต้องใช้",
        examples=["https://auth.example.go.th"],
    )
    auth_endpoint: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_./-]+$",
        description="เส้นทางของการลงชื่อเข้าใช้บนบริการนั้น",
        examples=["auth"],
    )


class SiteFile(Model):
    """``site.yml``: the agency and the site's display settings."""

    organization: Organization = Field(description="ข้อมูลหน่วยงาน")
    display: Display = Field(Display(numerals="arabic"), description="การแสดงผล")
    site_url: SiteUrl | None = Field(
        None,
        description="ที่อยู่เว็บไซต์ ITA ที่เผยแพร่จริง (ใช้ทำลิงก์เต็มใน CSV, JSON และแผนผังเว็บไซต์; "
        "แทนค่า site_url ใน mkdocs.yml)",
        examples=["https://www.tambon.go.th/ita/"],
    )
    editor: EditorSettings | None = Field(
        None,
        description="แบบฟอร์มแก้ไขเนื้อหาบนเว็บไซต์ที่เผยแพร่ (/admin/): บันทึกเป็นคำขอรวม (pull/merge request) "
        "ในที่เก็บที่ระบุ",
    )
