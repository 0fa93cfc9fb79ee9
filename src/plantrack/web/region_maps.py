"""Which boundary map draws a set of regions, served from static/vendor/geo (scripts/setup.sh
copies the China and per-province GeoJSON there from the npm package Apache ECharts 4 shipped).

Regions all in one province are drawn on that province's map (its cities as areas); regions in
several provinces on the map of China (provinces as areas). A county is shown as the city it
belongs to, since the province maps stop at cities.
"""

from __future__ import annotations

from .render import STATIC

# GB/T 2260 province prefix -> the file's name in the package (shanxi1 is 陕西, as the package names it).
PROVINCE_FILES = {
    "11": "beijing", "12": "tianjin", "13": "hebei", "14": "shanxi", "15": "neimenggu", "21": "liaoning",
    "22": "jilin", "23": "heilongjiang", "31": "shanghai", "32": "jiangsu", "33": "zhejiang", "34": "anhui",
    "35": "fujian", "36": "jiangxi", "37": "shandong", "41": "henan", "42": "hubei", "43": "hunan",
    "44": "guangdong", "45": "guangxi", "46": "hainan", "50": "chongqing", "51": "sichuan", "52": "guizhou",
    "53": "yunnan", "54": "xizang", "61": "shanxi1", "62": "gansu", "63": "qinghai", "64": "ningxia",
    "65": "xinjiang", "71": "taiwan", "81": "xianggang", "82": "aomen",
}
GEO_DIR = STATIC / "vendor" / "geo"


def _url(name: str) -> str | None:
    return f"/static/vendor/geo/{name}.json" if (GEO_DIR / f"{name}.json").is_file() else None


def choose_map(region_codes: list[str]) -> dict | None:
    """{"name", "url", "areas": "city"|"province"} of the map to draw, or None when it is not installed."""
    provinces = {code[:2] for code in region_codes if code}
    if not provinces:
        return None
    if len(provinces) == 1:
        prefix = provinces.pop()
        name = PROVINCE_FILES.get(prefix)
        url = _url(name) if name else None
        if url:
            return {"name": name, "url": url, "areas": "city", "province": prefix + "0000"}
    url = _url("china")
    return {"name": "china", "url": url, "areas": "province", "province": None} if url else None


def area_code(code: str, areas: str) -> str:
    """The code of the area a region is drawn as: its city (county → city) or its province."""
    return code[:4] + "00" if areas == "city" else code[:2] + "0000"
